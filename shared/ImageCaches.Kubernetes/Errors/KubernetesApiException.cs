using System.Net;
using k8s.Models;

namespace ImageCacheFunctions.ImageCaches.Kubernetes.Errors;

/// <summary>
/// The API server answered with an error <c>Status</c>. Subclasses name the cases callers act
/// on; <see cref="Status"/> keeps the server's own reason, message and details.
/// </summary>
public class KubernetesApiException : Exception
{
    public KubernetesApiException(HttpStatusCode statusCode, V1Status? status, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        Status = status;
    }

    public HttpStatusCode StatusCode { get; }

    /// <summary>The decoded Status body, when the server sent one.</summary>
    public V1Status? Status { get; }

    /// <summary>The Status reason (NotFound, Conflict, AlreadyExists, Invalid, …).</summary>
    public string? Reason => Status?.Reason;
}
