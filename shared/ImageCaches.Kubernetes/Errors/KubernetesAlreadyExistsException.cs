using System.Net;
using k8s.Models;

namespace ImageCacheFunctions.ImageCaches.Kubernetes.Errors;

/// <summary>409 AlreadyExists: a create found an object of that name (not a stale write).</summary>
public sealed class KubernetesAlreadyExistsException(V1Status? status, string message, Exception? innerException = null)
    : KubernetesApiException(HttpStatusCode.Conflict, status, message, innerException);
