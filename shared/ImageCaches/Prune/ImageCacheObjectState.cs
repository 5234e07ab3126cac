using ImageCacheFunctions.ImageCaches.Resources;

namespace ImageCacheFunctions.ImageCaches.Prune;

/// <summary>What an ImageCache object in Kubernetes says, reduced to what retention needs.</summary>
/// <param name="Name">metadata.name.</param>
/// <param name="Uid">metadata.uid.</param>
/// <param name="IsBeingDeleted">deletionTimestamp is set (the finalizer path owns it now).</param>
/// <param name="IsProtected">Carries the protect annotation: exempt from every policy.</param>
/// <param name="UnusedPreference">The object's unused-pruning annotation, parsed.</param>
/// <param name="RetentionDays">spec.retentionDays (null: never expires).</param>
/// <param name="SizeGiB">spec.imageCacheSize or its default.</param>
/// <param name="ImageCacheId">status.imageCacheId.</param>
/// <param name="Phase">status.phase.</param>
/// <param name="StartTime">status.startTime (the ECI cache's creation time as last recorded).</param>
/// <param name="ExpireDateTime">status.expireDateTime (ECI's expiry as last recorded).</param>
/// <param name="LastUpdatedTime">status.lastUpdatedTime.</param>
public sealed record ImageCacheObjectState(
    string Name,
    string? Uid,
    bool IsBeingDeleted,
    bool IsProtected,
    UnusedPreference UnusedPreference,
    int? RetentionDays,
    int SizeGiB,
    string? ImageCacheId,
    string? Phase,
    DateTimeOffset? StartTime,
    DateTimeOffset? ExpireDateTime,
    DateTimeOffset? LastUpdatedTime)
{
    /// <summary>Reads the state from the resource model.</summary>
    public static ImageCacheObjectState From(ImageCache cache)
    {
        ArgumentNullException.ThrowIfNull(cache);
        var annotations = cache.Metadata?.Annotations;
        string? protect = null;
        string? unused = null;
        annotations?.TryGetValue(ImageCacheResource.ProtectAnnotation, out protect);
        annotations?.TryGetValue(PruneAnnotations.PruneUnused, out unused);
        var status = cache.Status;
        return new ImageCacheObjectState(
            cache.Metadata?.Name ?? string.Empty,
            cache.Metadata?.Uid,
            cache.IsBeingDeleted,
            PruneAnnotations.IsProtected(protect),
            UnusedPreference.Parse(unused),
            cache.Spec?.RetentionDays,
            cache.Spec?.EffectiveImageCacheSize ?? ImageCacheSpec.DefaultImageCacheSize,
            string.IsNullOrEmpty(status?.ImageCacheId) ? null : status.ImageCacheId,
            status?.Phase,
            status?.StartTime,
            status?.ExpireDateTime,
            status?.LastUpdatedTime);
    }
}
