namespace ImageCacheFunctions.ImageCaches.Operations.Api;

/// <summary>The answer of <c>GET /caches</c>.</summary>
public sealed record CacheList(int Count, string? Image, IReadOnlyList<CacheSummary> Items);
