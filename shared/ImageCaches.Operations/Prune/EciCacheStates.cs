using ImageCacheFunctions.ImageCaches.Operations.Eci;
using ImageCacheFunctions.ImageCaches.Resources;
using ImageCacheFunctions.ImageCaches.Retention;
using EciImageCache = ImageCacheFunctions.Eci.Models.ImageCache;

namespace ImageCacheFunctions.ImageCaches.Operations.Prune;

/// <summary>Maps ECI's DescribeImageCaches records to what retention reads.</summary>
public static class EciCacheStates
{
    public static EciCacheState From(EciImageCache cache)
    {
        ArgumentNullException.ThrowIfNull(cache);
        DateTimeOffset? lastEvent = null;
        foreach (var e in cache.Events)
        {
            var at = e.LastTimestamp ?? e.FirstTimestamp;
            if (at > lastEvent || lastEvent is null)
            {
                lastEvent = at;
            }
        }

        return new EciCacheState(
            cache.ImageCacheId,
            cache.ImageCacheName,
            cache.Status,
            cache.ImageCacheSize,
            cache.CreationTime,
            cache.ExpireDateTime,
            cache.LastMatchedTime,
            lastEvent,
            ObservedCaches.IsManaged(cache),
            EciOwnerTags.Value(cache.Tags, ImageCacheResource.EciOwnerTagKey),
            EciOwnerTags.Value(cache.Tags, ImageCacheResource.EciOwnerUidTagKey));
    }
}
