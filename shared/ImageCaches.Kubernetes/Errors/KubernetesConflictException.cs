using System.Net;
using k8s.Models;

namespace ImageCacheFunctions.ImageCaches.Kubernetes.Errors;

/// <summary>
/// 409 Conflict: the object changed since it was read (stale resourceVersion or a failed
/// precondition). Re-read and re-apply; see <see cref="ImageCacheStore.UpdateAsync"/>.
/// </summary>
public sealed class KubernetesConflictException(V1Status? status, string message, Exception? innerException = null)
    : KubernetesApiException(HttpStatusCode.Conflict, status, message, innerException);
