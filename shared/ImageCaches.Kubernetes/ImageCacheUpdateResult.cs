using ImageCacheFunctions.ImageCaches.Resources;

namespace ImageCacheFunctions.ImageCaches.Kubernetes;

/// <summary>
/// Result of <see cref="ImageCacheStore.UpdateAsync"/>: the outcome, the object as the server
/// last returned it (null when not found), and how many read-modify-write attempts it took.
/// </summary>
public sealed record ImageCacheUpdateResult(ImageCacheUpdateOutcome Outcome, ImageCache? Object, int Attempts)
{
    public bool Succeeded => Outcome is ImageCacheUpdateOutcome.Updated or ImageCacheUpdateOutcome.Unchanged;
}
