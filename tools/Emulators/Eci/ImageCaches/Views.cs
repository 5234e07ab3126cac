namespace ImageCacheFunctions.Emulators.Eci.ImageCaches;

/// <summary>An image cache as DescribeImageCaches returns it (wire names).</summary>
internal sealed record ImageCacheView(
    string ImageCacheId,
    string ImageCacheName,
    string? SnapshotId,
    string? FlashSnapshotId,
    string ContainerGroupId,
    string Status,
    string Progress,
    IReadOnlyList<string> Images,
    int ImageCacheSize,
    string CreationTime,
    string? ExpireDateTime,
    string? LastMatchedTime,
    string? EliminationStrategy,
    string RegionId,
    string? ResourceGroupId,
    IReadOnlyList<TagView> Tags,
    IReadOnlyList<EventView> Events);

/// <summary>A tag (wire names).</summary>
internal sealed record TagView(string Key, string? Value);

/// <summary>An event of building a cache (wire names).</summary>
internal sealed record EventView(int Count, string Type, string Name, string Message, string Reason, string FirstTimestamp, string LastTimestamp);
