namespace ImageCacheFunctions.ImageCaches.Resources;

/// <summary>
/// The pod annotations ECI reads to pick an image cache. Both generations are recognised:
/// the ImageCache documentation's and the current ECI documentation's.
/// </summary>
public static class PodAnnotations
{
    /// <summary>Names one cache by id (documentation generation). Wins over automatic match.</summary>
    public const string ImageSnapshotId = "k8s.aliyun.com/eci-image-snapshot-id";

    /// <summary>"true" asks ECI to pick the best Ready cache (documentation generation).</summary>
    public const string AutoMatchImageCache = "k8s.aliyun.com/eci-image-cache";

    /// <summary>Names one cache by id (current ECI generation).</summary>
    public const string ImageCacheId = "k8s.aliyun.com/eci-imc-id";

    /// <summary>"true" asks ECI to pick the best Ready cache (current ECI generation).</summary>
    public const string AutoImageCache = "k8s.aliyun.com/eci-auto-imc";
}
