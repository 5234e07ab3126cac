using ImageCacheFunctions.ImageCaches.Images;
using ImageCacheFunctions.ImageCaches.Resources;

namespace ImageCacheFunctions.ImageCaches.Api;

/// <summary>
/// What the ranking needs to know about one ImageCache object, read once from it.
/// </summary>
/// <param name="Name">metadata.name.</param>
/// <param name="ImageCacheId">status.imageCacheId: the id a pod names; null before ECI made the cache.</param>
/// <param name="Phase">status.phase.</param>
/// <param name="Progress">status.progress.</param>
/// <param name="Images">spec.images, each with the digest recorded for it.</param>
/// <param name="ImageCacheSize">spec.imageCacheSize in GiB (the default, 20, when unset).</param>
/// <param name="CreatedAt">When the ECI cache was created (status.startTime), else when the object was.</param>
/// <param name="ExpiresAt">status.expireDateTime.</param>
/// <param name="IsBeingDeleted">metadata.deletionTimestamp is set.</param>
public sealed record MatchCandidate(
    string Name,
    string? ImageCacheId,
    string? Phase,
    string? Progress,
    IReadOnlyList<CachedImage> Images,
    int ImageCacheSize,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? ExpiresAt,
    bool IsBeingDeleted)
{
    /// <summary>The candidate an ImageCache object stands for.</summary>
    public static MatchCandidate From(ImageCache cache)
    {
        ArgumentNullException.ThrowIfNull(cache);
        var status = cache.Status;
        var recorded = new Dictionary<string, Digest>(StringComparer.Ordinal);
        foreach (var entry in status?.Images ?? [])
        {
            if (Digest.TryParse(entry.Digest, out var digest) && !string.IsNullOrEmpty(entry.Image))
            {
                recorded[entry.Image] = digest;
                if (ImageReference.TryParse(entry.Image, out var parsed, out _))
                {
                    recorded[parsed!.ToString()] = digest;
                }
            }
        }

        var images = new List<CachedImage>();
        foreach (var written in cache.Spec?.Images ?? [])
        {
            if (string.IsNullOrEmpty(written))
            {
                continue;
            }

            ImageReference.TryParse(written, out var reference, out _);
            Digest? digest = recorded.TryGetValue(written, out var byWritten) ? byWritten
                : reference is not null && recorded.TryGetValue(reference.ToString(), out var byNormalised) ? byNormalised
                : null;
            images.Add(new CachedImage(written, reference, digest));
        }

        DateTimeOffset? created = status?.StartTime
            ?? (cache.Metadata?.CreationTimestamp is { } timestamp ? new DateTimeOffset(DateTime.SpecifyKind(timestamp, DateTimeKind.Utc)) : null);

        return new MatchCandidate(
            cache.Metadata?.Name ?? "",
            string.IsNullOrEmpty(status?.ImageCacheId) ? null : status.ImageCacheId,
            status?.Phase,
            status?.Progress,
            images,
            cache.Spec?.EffectiveImageCacheSize ?? ImageCacheSpec.DefaultImageCacheSize,
            created,
            status?.ExpireDateTime,
            cache.IsBeingDeleted);
    }

    /// <summary>The first of this cache's images that a pod asking for <paramref name="wanted"/> gets, if any.</summary>
    public CachedImage? Holding(ImageReference wanted) => Images.FirstOrDefault(image => image.Holds(wanted));

    /// <summary>True when the cache was Ready at the last reconcile.</summary>
    public bool IsReady => Phase == ImageCachePhase.Ready;

    /// <summary>True when expireDateTime has passed: ECI deletes or has deleted the cache, whatever status says.</summary>
    public bool IsExpiredAt(DateTimeOffset now) => ExpiresAt is { } expires && expires <= now;
}
