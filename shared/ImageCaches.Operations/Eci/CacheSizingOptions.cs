using ImageCacheFunctions.ImageCaches.Sizing;

namespace ImageCacheFunctions.ImageCaches.Operations.Eci;

/// <summary>
/// Section <c>Eci:Sizing</c>: before CreateImageCache, read each image's manifest from its
/// registry and size the cache by policy (docs/annotations.md, "Caches big enough").
/// </summary>
public sealed class CacheSizingOptions
{
    /// <summary>Measure images before creating a cache (off by default: every create then reads the registries).</summary>
    public bool Enabled { get; set; }

    /// <summary>A cache whose spec leaves imageCacheSize at its default gets this multiple of the compressed size.</summary>
    public double Factor { get; set; } = CacheSizePolicy.DefaultFactor;

    /// <summary>Never less than this many GiB (ECI's minimum is 20).</summary>
    public int MinimumGiB { get; set; } = CacheSizePolicy.DefaultMinimumGiB;

    /// <summary>
    /// A spec.imageCacheSize below the policy's size is refused (Ready=False, nothing sent to ECI)
    /// instead of being sent with a warning condition.
    /// </summary>
    public bool RefuseBelowPolicy { get; set; }

    /// <summary>Timeout of each registry call.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The policy these options mean.</summary>
    public CacheSizePolicy ToPolicy() => new(Factor, MinimumGiB, RefuseBelowPolicy);
}
