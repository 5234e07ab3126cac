namespace ImageCacheFunctions.ImageCaches.Kubernetes.Errors;

/// <summary>One field that failed validation, e.g. <c>spec.imageCacheSize</c>, FieldValueInvalid, "should be greater than or equal to 20".</summary>
public sealed record KubernetesInvalidCause(string? Field, string? Reason, string? Message);
