namespace ImageCacheFunctions.Eci.Models;

/// <summary>An image cache as DescribeImageCaches reports it.</summary>
public sealed record ImageCache
{
    /// <summary>Cache ID, e.g. <c>imc-2zebxkiifuyzzlhl****</c>.</summary>
    public string ImageCacheId { get; init; } = string.Empty;

    /// <summary>Name.</summary>
    public string? ImageCacheName { get; init; }

    /// <summary>Snapshot backing the cache.</summary>
    public string? SnapshotId { get; init; }

    /// <summary>Flash snapshot backing the cache.</summary>
    public string? FlashSnapshotId { get; init; }

    /// <summary>The temporary instance that built the cache.</summary>
    public string? ContainerGroupId { get; init; }

    /// <summary>Status; see <see cref="ImageCacheStatus"/>.</summary>
    public string Status { get; init; } = string.Empty;

    /// <summary>Progress, e.g. <c>100%</c>.</summary>
    public string? Progress { get; init; }

    /// <summary>Cached images.</summary>
    public IReadOnlyList<string> Images { get; init; } = [];

    /// <summary>Size in GiB.</summary>
    public int ImageCacheSize { get; init; }

    /// <summary>Creation time.</summary>
    public DateTimeOffset? CreationTime { get; init; }

    /// <summary>Expiry time (retention end, or 24 h after a failure).</summary>
    public DateTimeOffset? ExpireDateTime { get; init; }

    /// <summary>When a pod last used the cache.</summary>
    public DateTimeOffset? LastMatchedTime { get; init; }

    /// <summary>Elimination strategy, e.g. LRU.</summary>
    public string? EliminationStrategy { get; init; }

    /// <summary>Region.</summary>
    public string? RegionId { get; init; }

    /// <summary>Resource group.</summary>
    public string? ResourceGroupId { get; init; }

    /// <summary>Tags.</summary>
    public IReadOnlyList<ImageCacheTag> Tags { get; init; } = [];

    /// <summary>Events of building the cache (image pulls and failures).</summary>
    public IReadOnlyList<ImageCacheEvent> Events { get; init; } = [];
}
