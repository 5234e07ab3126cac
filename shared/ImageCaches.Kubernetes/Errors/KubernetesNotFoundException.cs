using System.Net;
using k8s.Models;

namespace ImageCacheFunctions.ImageCaches.Kubernetes.Errors;

/// <summary>404: the object (or its resource type) does not exist.</summary>
public sealed class KubernetesNotFoundException(V1Status? status, string message, Exception? innerException = null)
    : KubernetesApiException(HttpStatusCode.NotFound, status, message, innerException);
