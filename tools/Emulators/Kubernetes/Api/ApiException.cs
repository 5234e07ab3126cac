using System.Text.Json.Nodes;

namespace ImageCacheFunctions.Emulators.Kubernetes.Api;

/// <summary>A request the apiserver refuses: carries the metav1.Status body to send back.</summary>
internal sealed class ApiException : Exception
{
    public ApiException(int code, JsonObject status)
        : base(status["message"]?.GetValue<string>() ?? "request failed")
    {
        Code = code;
        Status = status;
    }

    public ApiException()
        : this(500, StatusDocuments.Failure(500, "InternalError", "request failed", null))
    {
    }

    public ApiException(string message)
        : this(500, StatusDocuments.Failure(500, "InternalError", message, null))
    {
    }

    public ApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = 500;
        Status = StatusDocuments.Failure(500, "InternalError", message, null);
    }

    public int Code { get; }

    public JsonObject Status { get; }
}
