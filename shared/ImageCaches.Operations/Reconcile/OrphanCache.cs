namespace ImageCacheFunctions.ImageCaches.Operations.Reconcile;

/// <summary>An ECI cache tagged as this product's whose ImageCache object no longer exists (prune deletes it).</summary>
public sealed record OrphanCache(string ImageCacheId, string? OwnerName, string? OwnerUid, string Status);
