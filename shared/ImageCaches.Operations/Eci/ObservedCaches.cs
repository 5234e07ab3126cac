using ImageCacheFunctions.ImageCaches.Reconcile;
using ImageCacheFunctions.ImageCaches.Resources;
using EciImageCache = ImageCacheFunctions.Eci.Models.ImageCache;

namespace ImageCacheFunctions.ImageCaches.Operations.Eci;

/// <summary>Maps ECI's DescribeImageCaches records to the domain's <see cref="ObservedCache"/> (the one mapper from the wire model; retention projects it with <see cref="ImageCaches.Prune.EciCacheState.From"/>).</summary>
public static class ObservedCaches
{
    public static ObservedCache From(EciImageCache cache)
    {
        ArgumentNullException.ThrowIfNull(cache);
        return new ObservedCache(
            cache.ImageCacheId,
            cache.ImageCacheName,
            cache.Status,
            cache.Progress,
            cache.Images,
            cache.ImageCacheSize > 0 ? cache.ImageCacheSize : null,
            cache.CreationTime,
            cache.ExpireDateTime,
            cache.LastMatchedTime,
            EciOwnerTags.Value(cache.Tags, ImageCacheResource.EciOwnerTagKey),
            EciOwnerTags.Value(cache.Tags, ImageCacheResource.EciOwnerUidTagKey),
            cache.Events
                .Select(e => new ObservedCacheEvent(e.Count, e.Type, e.Name, e.Message, e.Reason, e.FirstTimestamp, e.LastTimestamp))
                .ToList(),
            string.IsNullOrEmpty(cache.FlashSnapshotId) ? null : cache.FlashSnapshotId,
            string.IsNullOrEmpty(cache.EliminationStrategy) ? null : cache.EliminationStrategy)
        {
            IsManaged = IsManaged(cache),
        };
    }

    /// <summary>True when the cache carries this product's managed-by tag.</summary>
    public static bool IsManaged(EciImageCache cache)
    {
        ArgumentNullException.ThrowIfNull(cache);
        return EciOwnerTags.Value(cache.Tags, ImageCacheResource.EciManagedByTagKey) == ImageCacheResource.EciManagedByTagValue;
    }
}
