using ImageCacheFunctions.ImageCaches.Resources;

namespace ImageCacheFunctions.ImageCaches.Operations.Api;

/// <summary>One ImageCache in the compact form <c>GET /caches</c> answers with, for dashboards and scripts.</summary>
public sealed record CacheSummary(
    string Name,
    string? ImageCacheId,
    string? Phase,
    string? Progress,
    bool Ready,
    IReadOnlyList<CacheSummaryImage> Images,
    int ImageCacheSize,
    int? RetentionDays,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? ExpireDateTime,
    DateTimeOffset? LastMatchedTime,
    DateTimeOffset? LastUpdatedTime,
    bool RefreshPending,
    bool Deleting)
{
    public static CacheSummary From(ImageCache cache)
    {
        ArgumentNullException.ThrowIfNull(cache);
        var status = cache.Status;
        var digests = (status?.Images ?? [])
            .Where(i => !string.IsNullOrEmpty(i.Image))
            .GroupBy(i => i.Image, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last().Digest, StringComparer.Ordinal);
        return new CacheSummary(
            cache.Metadata?.Name ?? "",
            string.IsNullOrEmpty(status?.ImageCacheId) ? null : status.ImageCacheId,
            status?.Phase,
            status?.Progress,
            status?.Phase == ImageCachePhase.Ready,
            [.. (cache.Spec?.Images ?? []).Select(image => new CacheSummaryImage(image, digests.GetValueOrDefault(image)))],
            cache.Spec?.EffectiveImageCacheSize ?? ImageCacheSpec.DefaultImageCacheSize,
            cache.Spec?.RetentionDays,
            status?.StartTime ?? (cache.Metadata?.CreationTimestamp is { } created ? new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc)) : null),
            status?.ExpireDateTime,
            status?.LastMatchedTime,
            status?.LastUpdatedTime,
            status?.PendingRefresh is not null,
            cache.IsBeingDeleted);
    }
}

/// <summary>An image of a cache and the digest cached for it (null until known).</summary>
public sealed record CacheSummaryImage(string Image, string? Digest);
