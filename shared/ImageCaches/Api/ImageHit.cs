using ImageCacheFunctions.ImageCaches.Images;

namespace ImageCacheFunctions.ImageCaches.Api;

/// <summary>A pod image a cache holds, and the spec.images entry that holds it.</summary>
public sealed record ImageHit(ImageReference Image, CachedImage CachedAs);
