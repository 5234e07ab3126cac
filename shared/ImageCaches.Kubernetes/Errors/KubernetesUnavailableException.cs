using System.Net;
using k8s.Models;

namespace ImageCacheFunctions.ImageCaches.Kubernetes.Errors;

/// <summary>
/// The API server could not be used right now: no connection, the call timed out, 429 or 5xx.
/// Callers answer 503 with Retry-After (<see cref="RetryAfter"/> when the server gave one).
/// </summary>
public sealed class KubernetesUnavailableException(HttpStatusCode statusCode, V1Status? status, string message, Exception? innerException = null)
    : KubernetesApiException(statusCode, status, message, innerException)
{
    public TimeSpan? RetryAfter { get; init; }
}
