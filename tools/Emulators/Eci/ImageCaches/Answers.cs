namespace ImageCacheFunctions.Emulators.Eci.ImageCaches;

/// <summary>CreateImageCache answer.</summary>
internal sealed record CreateAnswer(string RequestId, string ImageCacheId, string ContainerGroupId);

/// <summary>An answer with only a RequestId (Update, Delete).</summary>
internal sealed record RequestIdAnswer(string RequestId);

/// <summary>DescribeImageCaches answer.</summary>
internal sealed record DescribeAnswer(string RequestId, int TotalCount, string NextToken, IReadOnlyList<ImageCacheView> ImageCaches);
