namespace ImageCacheFunctions.ImageCaches.Sizing;

/// <summary>
/// How big a cache must be for its images, measured from their registries: the compressed layer
/// sizes times <see cref="Factor"/> (room for the pulled layers and their unpacked copies while
/// ECI builds the cache), and never below <see cref="MinimumGiB"/> (ECI's own minimum is 20).
/// </summary>
/// <param name="Factor">Multiple of the compressed size a cache gets when the spec leaves the size at its default.</param>
/// <param name="MinimumGiB">Smallest size set.</param>
/// <param name="RefuseBelowPolicy">A spec size below the policy's is refused rather than sent with a warning.</param>
public sealed record CacheSizePolicy(double Factor = CacheSizePolicy.DefaultFactor, int MinimumGiB = CacheSizePolicy.DefaultMinimumGiB, bool RefuseBelowPolicy = false)
{
    /// <summary>The headroom every size check uses unless configured: twice the images' size.</summary>
    public const double DefaultFactor = 2.0;

    /// <summary>The smallest size the policy sets unless configured (ECI's own minimum).</summary>
    public const int DefaultMinimumGiB = 20;

    private const double GiB = 1024d * 1024d * 1024d;

    /// <summary>What to do with a cache whose images measure <paramref name="measuredBytes"/> (null: not measured).</summary>
    /// <param name="measuredBytes">Sum of the compressed layer and config sizes, or null when a registry could not be read.</param>
    /// <param name="specSize">spec.imageCacheSize; null or the default (20) means "size it by policy".</param>
    /// <returns>The size to send and what to tell the user.</returns>
    public CacheSizeDecision Decide(long? measuredBytes, int? specSize)
    {
        var fallback = specSize ?? Resources.ImageCacheSpec.DefaultImageCacheSize;
        if (measuredBytes is not { } bytes)
        {
            return new CacheSizeDecision(fallback, CacheSizeVerdict.Unmeasured);
        }

        var images = (int)Math.Ceiling(bytes / GiB);
        var recommended = Math.Clamp((int)Math.Ceiling(bytes * Factor / GiB), Math.Max(MinimumGiB, Resources.ImageCacheSpec.MinImageCacheSize), Resources.ImageCacheSpec.MaxImageCacheSize);
        // The CRD defaults imageCacheSize to 20, so 20 is "left at the default" whether written or not.
        if (specSize is null or Resources.ImageCacheSpec.DefaultImageCacheSize)
        {
            return new CacheSizeDecision(recommended, CacheSizeVerdict.SizedByPolicy, recommended);
        }

        if (specSize < images)
        {
            return new CacheSizeDecision(specSize.Value, CacheSizeVerdict.TooSmall, recommended);
        }

        if (specSize >= recommended)
        {
            return new CacheSizeDecision(specSize.Value, CacheSizeVerdict.Enough, recommended);
        }

        return new CacheSizeDecision(specSize.Value, RefuseBelowPolicy ? CacheSizeVerdict.BelowPolicy : CacheSizeVerdict.Tight, recommended);
    }
}

/// <summary>The size decision.</summary>
/// <param name="SizeGiB">ImageCacheSize to send.</param>
/// <param name="Verdict">How it was reached.</param>
/// <param name="RecommendedGiB">What the policy recommends for the measured images, when measured.</param>
public sealed record CacheSizeDecision(int SizeGiB, CacheSizeVerdict Verdict, int? RecommendedGiB = null);

/// <summary>How a size decision was reached.</summary>
public enum CacheSizeVerdict
{
    /// <summary>A registry could not be read: the spec's size (or the default) is sent, with a warning.</summary>
    Unmeasured,

    /// <summary>The spec left the size at its default: the policy's size is sent.</summary>
    SizedByPolicy,

    /// <summary>The spec's size is at least the policy's.</summary>
    Enough,

    /// <summary>The spec's size holds the images but is below the policy's: sent, with a warning.</summary>
    Tight,

    /// <summary>The spec's size is below the policy's and the policy refuses that: nothing is sent.</summary>
    BelowPolicy,

    /// <summary>The spec's size is below the images' own size: ECI would fail the cache; nothing is sent.</summary>
    TooSmall,
}
