using ImageCacheFunctions.Eci.Wire;

namespace ImageCacheFunctions.Eci.Models;

/// <summary>Filters and paging of DescribeImageCaches; all optional.</summary>
public sealed record DescribeImageCachesRequest
{
    /// <summary>Region; the client's configured region when null.</summary>
    public string? RegionId { get; init; }

    /// <summary>Cache ID (several may be given comma-separated).</summary>
    public string? ImageCacheId { get; init; }

    /// <summary>Cache name.</summary>
    public string? ImageCacheName { get; init; }

    /// <summary>Snapshot ID of the cache.</summary>
    public string? SnapshotId { get; init; }

    /// <summary>Caches containing this image.</summary>
    public string? Image { get; init; }

    /// <summary>Images to find the best-matching caches for (<c>MatchImage.N</c>, at most 100).</summary>
    public IReadOnlyList<string>? MatchImages { get; init; }

    /// <summary>With <see cref="MatchImages"/>: only caches that contain all of them.</summary>
    public bool? ImageFullMatch { get; init; }

    /// <summary>
    /// With <see cref="MatchImages"/>: how many of them a cache must hold exactly. An integer on
    /// the wire, as in the official SDK's model (<c>Integer imageMatchCountRequest</c>) and like
    /// the pod annotation <c>k8s.aliyun.com/imc-match-count-request: "2"</c>.
    /// </summary>
    public int? ImageMatchCountRequest { get; init; }

    /// <summary>Tags every returned cache must carry (<c>Tag.N.Key</c>/<c>Tag.N.Value</c>).</summary>
    public IReadOnlyList<ImageCacheTag>? Tags { get; init; }

    /// <summary>Resource group.</summary>
    public string? ResourceGroupId { get; init; }

    /// <summary>Page size.</summary>
    public int? Limit { get; init; }

    /// <summary>The <c>NextToken</c> of the previous page.</summary>
    public string? NextToken { get; init; }

    internal RpcParameters ToParameters(string regionId) =>
        new RpcParameters()
            .Add("RegionId", RegionId ?? regionId)
            .Add("ImageCacheId", ImageCacheId)
            .Add("ImageCacheName", ImageCacheName)
            .Add("SnapshotId", SnapshotId)
            .Add("Image", Image)
            .AddList("MatchImage", MatchImages)
            .Add("ImageFullMatch", ImageFullMatch)
            .Add("ImageMatchCountRequest", ImageMatchCountRequest)
            .AddObjects("Tag", Tags, static (p, prefix, t) => p.Add(prefix + ".Key", t.Key).Add(prefix + ".Value", t.Value))
            .Add("ResourceGroupId", ResourceGroupId)
            .Add("Limit", Limit)
            .Add("NextToken", NextToken);
}
