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

/// <summary>409 AlreadyExists: a create found an object of that name (not a stale write).</summary>
public sealed class KubernetesAlreadyExistsException(V1Status? status, string message, Exception? innerException = null)
    : KubernetesApiException(HttpStatusCode.Conflict, status, message, innerException);

/// <summary>
/// 409 Conflict: the object changed since it was read (stale resourceVersion or a failed
/// precondition). Re-read and re-apply; see <see cref="ImageCacheStore.UpdateAsync"/>.
/// </summary>
public sealed class KubernetesConflictException(V1Status? status, string message, Exception? innerException = null)
    : KubernetesApiException(HttpStatusCode.Conflict, status, message, innerException);

/// <summary>422 Invalid: the object failed validation (CRD schema); <see cref="Causes"/> says which fields.</summary>
public sealed class KubernetesInvalidException(V1Status? status, string message, Exception? innerException = null)
    : KubernetesApiException(HttpStatusCode.UnprocessableEntity, status, message, innerException)
{
    /// <summary>One entry per failed field: field path, reason, message.</summary>
    public IReadOnlyList<KubernetesInvalidCause> Causes { get; } =
        status?.Details?.Causes?.Select(c => new KubernetesInvalidCause(c.Field, c.Reason, c.Message)).ToList()
        ?? [];
}

/// <summary>One field that failed validation, e.g. <c>spec.imageCacheSize</c>, FieldValueInvalid, "should be greater than or equal to 20".</summary>
public sealed record KubernetesInvalidCause(string? Field, string? Reason, string? Message);

/// <summary>404: the object (or its resource type) does not exist.</summary>
public sealed class KubernetesNotFoundException(V1Status? status, string message, Exception? innerException = null)
    : KubernetesApiException(HttpStatusCode.NotFound, status, message, innerException);

/// <summary>
/// The API server could not be used right now: no connection, the call timed out, 429 or 5xx.
/// Callers answer 503 with Retry-After (<see cref="RetryAfter"/> when the server gave one).
/// </summary>
public sealed class KubernetesUnavailableException(HttpStatusCode statusCode, V1Status? status, string message, Exception? innerException = null)
    : KubernetesApiException(statusCode, status, message, innerException)
{
    public TimeSpan? RetryAfter { get; init; }
}
