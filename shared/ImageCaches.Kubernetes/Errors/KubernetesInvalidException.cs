using System.Net;
using k8s.Models;

namespace ImageCacheFunctions.ImageCaches.Kubernetes.Errors;

/// <summary>422 Invalid: the object failed validation (CRD schema); <see cref="Causes"/> says which fields.</summary>
public sealed class KubernetesInvalidException(V1Status? status, string message, Exception? innerException = null)
    : KubernetesApiException(HttpStatusCode.UnprocessableEntity, status, message, innerException)
{
    /// <summary>One entry per failed field: field path, reason, message.</summary>
    public IReadOnlyList<KubernetesInvalidCause> Causes { get; } =
        status?.Details?.Causes?.Select(c => new KubernetesInvalidCause(c.Field, c.Reason, c.Message)).ToList()
        ?? [];
}
