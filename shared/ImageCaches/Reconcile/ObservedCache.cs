namespace ImageCacheFunctions.ImageCaches.Reconcile;

/// <summary>
/// An ECI image cache as reconcile sees it (mapped from DescribeImageCaches), with the owner
/// named by its tags. The domain keeps its own record so that planning has no I/O dependency.
/// </summary>
public sealed record ObservedCache(
    string ImageCacheId,
    string? ImageCacheName,
    string Status,
    string? Progress,
    IReadOnlyList<string> Images,
    int? ImageCacheSize,
    DateTimeOffset? CreationTime,
    DateTimeOffset? ExpireDateTime,
    DateTimeOffset? LastMatchedTime,
    string? OwnerName,
    string? OwnerUid,
    IReadOnlyList<ObservedCacheEvent> Events,
    string? FlashSnapshotId = null,
    string? EliminationStrategy = null)
{
    /// <summary>Tagged as created by this product (the managed-by tag).</summary>
    public bool IsManaged { get; init; }
}

/// <summary>An event ECI reports for a cache (typically one image pull), e.g. "Success pull image busybox:latest".</summary>
public sealed record ObservedCacheEvent(
    int Count,
    string? Type,
    string? Name,
    string? Message,
    string? Reason,
    DateTimeOffset? FirstTimestamp,
    DateTimeOffset? LastTimestamp);
