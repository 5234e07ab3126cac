using ImageCacheFunctions.ImageCaches.Resources;

namespace ImageCacheFunctions.ImageCaches.Settings;

/// <summary>
/// The annotations an ImageCache can carry to shape its ECI cache. The <c>k8s.aliyun.com/</c>
/// names and value formats are Alibaba Cloud's, from the Elastic Container Instance user guide
/// "Image cache annotations" (https://www.alibabacloud.com/help/en/eci/user-guide/annotations-that-can-be-added-to-create-an-image-cache;
/// older edition "Annotations supported by ImageCaches"); the others are this product's own,
/// under <see cref="ImageCacheResource.Prefix"/>, for CreateImageCache parameters that no readable
/// copy of that page names (every stored copy is cut off; docs/annotations.md lists what was read).
/// </summary>
public static class ImageCacheAnnotations
{
    private const string Aliyun = "k8s.aliyun.com/";

    /// <summary>vSwitch IDs, comma-separated; several vSwitches = several zones.</summary>
    public const string VSwitchIds = Aliyun + "vswitch-ids";

    /// <summary>Security group ID.</summary>
    public const string SecurityGroupId = Aliyun + "security-group-id";

    /// <summary>Resource group ID.</summary>
    public const string ResourceGroupId = Aliyun + "resource-group-id";

    /// <summary>ACR Enterprise Edition instance IDs for pulling without secrets; another region's as <c>region:cri-…</c>.</summary>
    public const string AcrInstanceIds = Aliyun + "acr-instance-ids";

    /// <summary>ARNs of RAM roles in the account that owns the ECI resources.</summary>
    public const string AcrServiceArns = Aliyun + "acr-service-arns";

    /// <summary>ARNs of RAM roles in the account that owns the ACR instance (cross-account pulls).</summary>
    public const string AcrUserArns = Aliyun + "acr-user-arns";

    /// <summary>Self-hosted registries reached over plain HTTP, comma-separated <c>host[:port]</c>.</summary>
    public const string PlainHttpRegistry = Aliyun + "plain-http-registry";

    /// <summary>Self-hosted registries with self-signed certificates, comma-separated <c>host[:port]</c>.</summary>
    public const string InsecureRegistry = Aliyun + "insecure-registry";

    /// <summary>Reuse layers of existing image caches while building (<c>"true"</c>).</summary>
    public const string EnableReuse = Aliyun + "imc-enable-reuse";

    /// <summary>Instant image cache: a temporary local snapshot first (<c>"true"</c>).</summary>
    public const string EnableFlash = Aliyun + "imc-enable-flash";

    /// <summary>CPU architecture of the cached images: <c>amd64</c> or <c>arm64</c>.</summary>
    public const string CpuArch = Aliyun + "imc-cpu-arch";

    /// <summary>Operating system of the cached images: <c>linux</c> or <c>windows</c>.</summary>
    public const string OsType = Aliyun + "imc-os-type";

    /// <summary>Ours: the zone of the cache (<c>ZoneId</c>, e.g. <c>cn-hangzhou-g</c>).</summary>
    public const string ZoneId = ImageCacheResource.Prefix + "/zone-id";

    /// <summary>Ours: an existing elastic IP for pulling from the internet (<c>EipInstanceId</c>, <c>eip-…</c>).</summary>
    public const string EipInstanceId = ImageCacheResource.Prefix + "/eip-instance-id";

    /// <summary>Ours: number of temporary local snapshots (<c>FlashCopyCount</c>).</summary>
    public const string FlashCopyCount = ImageCacheResource.Prefix + "/flash-copy-count";

    /// <summary>Ours: number of regular snapshots (<c>StandardCopyCount</c>).</summary>
    public const string StandardCopyCount = ImageCacheResource.Prefix + "/standard-copy-count";

    /// <summary>Ours: <c>LRU</c> lets ECI delete the cache when the region's quota is reached (<c>EliminationStrategy</c>).</summary>
    public const string EliminationStrategy = ImageCacheResource.Prefix + "/elimination-strategy";

    /// <summary>Every annotation read into <see cref="CacheSettings"/>.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        VSwitchIds, SecurityGroupId, ResourceGroupId, AcrInstanceIds, AcrServiceArns, AcrUserArns,
        PlainHttpRegistry, InsecureRegistry, EnableReuse, EnableFlash, CpuArch, OsType,
        ZoneId, EipInstanceId, FlashCopyCount, StandardCopyCount, EliminationStrategy,
    ];
}
