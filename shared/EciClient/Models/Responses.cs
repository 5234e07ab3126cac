namespace ImageCacheFunctions.Eci.Models;

/// <summary>Answer of CreateImageCache.</summary>
/// <param name="RequestId">Request ID.</param>
/// <param name="ImageCacheId">ID of the new (or, for a repeated ClientToken, the existing) cache.</param>
/// <param name="ContainerGroupId">The temporary instance that builds the cache.</param>
public sealed record CreateImageCacheResponse(string RequestId, string ImageCacheId, string? ContainerGroupId);

/// <summary>Answer of UpdateImageCache.</summary>
/// <param name="RequestId">Request ID.</param>
public sealed record UpdateImageCacheResponse(string RequestId);

/// <summary>Answer of DeleteImageCache.</summary>
/// <param name="RequestId">Request ID.</param>
public sealed record DeleteImageCacheResponse(string RequestId);

/// <summary>One page of DescribeImageCaches.</summary>
/// <param name="RequestId">Request ID.</param>
/// <param name="TotalCount">Number of caches matching the filters (all pages).</param>
/// <param name="NextToken">Token of the next page; empty or null on the last page.</param>
/// <param name="ImageCaches">The caches of this page.</param>
public sealed record DescribeImageCachesResponse(
    string RequestId,
    int TotalCount,
    string? NextToken,
    IReadOnlyList<ImageCache> ImageCaches);
