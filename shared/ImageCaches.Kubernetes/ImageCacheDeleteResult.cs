using ImageCacheFunctions.ImageCaches.Resources;

namespace ImageCacheFunctions.ImageCaches.Kubernetes;

/// <summary>Result of <see cref="ImageCacheStore.DeleteAsync"/>; <see cref="Object"/> is set when the server returned it.</summary>
public sealed record ImageCacheDeleteResult(ImageCacheDeleteOutcome Outcome, ImageCache? Object);
