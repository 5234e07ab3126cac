namespace OpenFaaS.Functions.Worker.Metadata;

/// <summary>What a function method returns once awaited.</summary>
internal enum ResultShape
{
    /// <summary>void, Task or ValueTask.</summary>
    Nothing,

    /// <summary>HttpResponseData.</summary>
    HttpResponse,

    /// <summary>A type with one [HttpResult] property of type HttpResponseData.</summary>
    HttpResultProperty,

    /// <summary>A string, written as text/plain.</summary>
    Text,

    /// <summary>Any other value, written as JSON.</summary>
    Json,
}
