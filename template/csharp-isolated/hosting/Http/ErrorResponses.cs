using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace OpenFaaS.Functions.Worker.Http;

/// <summary>The host's own JSON error bodies: a code and a sentence, never a stack trace.</summary>
internal static class ErrorResponses
{
    public static async Task WriteAsync(HttpResponse response, int status, string error, string message, string? invocationId = null)
    {
        if (response.HasStarted)
        {
            return;
        }

        response.Clear();
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        var body = invocationId is null
            ? JsonSerializer.SerializeToUtf8Bytes(new ErrorBody(error, message), HostAnswersJson.Default.ErrorBody)
            : JsonSerializer.SerializeToUtf8Bytes(new ErrorBodyWithInvocation(error, message, invocationId), HostAnswersJson.Default.ErrorBodyWithInvocation);
        await response.Body.WriteAsync(body, response.HttpContext.RequestAborted).ConfigureAwait(false);
    }

    internal sealed record ErrorBody(
        [property: System.Text.Json.Serialization.JsonPropertyName("error")] string Error,
        [property: System.Text.Json.Serialization.JsonPropertyName("message")] string Message);

    internal sealed record ErrorBodyWithInvocation(
        [property: System.Text.Json.Serialization.JsonPropertyName("error")] string Error,
        [property: System.Text.Json.Serialization.JsonPropertyName("message")] string Message,
        [property: System.Text.Json.Serialization.JsonPropertyName("invocationId")] string InvocationId);
}
