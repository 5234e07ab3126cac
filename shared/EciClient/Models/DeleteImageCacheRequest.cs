using ImageCacheFunctions.Eci.Wire;

namespace ImageCacheFunctions.Eci.Models;

/// <summary>Parameters of DeleteImageCache. Pods already created from the cache are not affected.</summary>
/// <param name="ImageCacheId">The cache to delete.</param>
public sealed record DeleteImageCacheRequest(string ImageCacheId)
{
    /// <summary>Region; the client's configured region when null.</summary>
    public string? RegionId { get; init; }

    /// <summary>Idempotency token. With it, the call is retried on transient errors.</summary>
    public string? ClientToken { get; init; }

    internal RpcParameters ToParameters(string regionId) =>
        new RpcParameters()
            .Add("RegionId", RegionId ?? regionId)
            .Add("ImageCacheId", ImageCacheId)
            .Add("ClientToken", ClientToken);
}
