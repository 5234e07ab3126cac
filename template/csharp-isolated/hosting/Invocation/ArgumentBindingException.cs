namespace OpenFaaS.Functions.Worker.Invocation;

/// <summary>A value from the call (route, query, body) does not convert to the parameter's type: the caller's fault, a 400.</summary>
internal sealed class ArgumentBindingException : Exception
{
    public ArgumentBindingException()
    {
    }

    public ArgumentBindingException(string message)
        : base(message)
    {
    }

    public ArgumentBindingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
