using System.Text.Json;
using System.Text.Json.Serialization;
using YamlDotNet.Serialization;

namespace ImageCacheFunctions.ImageCaches.Resources;

/// <summary>
/// What the user asks for (the seed's ImageCacheSpec). Limits are the seed's; the CRD enforces
/// them and defaults <c>imageCacheSize</c> to 20.
/// </summary>
public sealed class ImageCacheSpec
{
    public const int DefaultImageCacheSize = 20;
    public const int MinImageCacheSize = 20;
    public const int MaxImageCacheSize = 32768;
    public const int MinRetentionDays = 1;
    public const int MaxRetentionDays = 65536;

    /// <summary>
    /// Most images one ECI image cache holds. Alibaba Cloud's ROS reference for
    /// ALIYUN::ECI::ImageCache, property Image: "A maximum of 20 images can be cached."
    /// </summary>
    public const int MaxImages = 20;

    /// <summary>
    /// Most imagePullSecrets entries. The same ROS reference, ImageRegistryCredential: "A maximum
    /// of 10 credentials can be configured"; each secret yields at least one.
    /// </summary>
    public const int MaxImagePullSecrets = 10;

    /// <summary>Longest Kubernetes object name (a DNS subdomain, RFC 1123).</summary>
    public const int MaxNameLength = 253;

    /// <summary>Images in the cache (at least one), as written by the user.</summary>
    [JsonPropertyName("images")]
    public IList<string> Images { get; set; } = new List<string>();

    /// <summary>Secrets as <c>namespace:name</c>, for private registries.</summary>
    [JsonPropertyName("imagePullSecrets")]
    public IList<string>? ImagePullSecrets { get; set; }

    /// <summary>Disk size in GiB (20..32768); null means the default, 20.</summary>
    [JsonPropertyName("imageCacheSize")]
    public int? ImageCacheSize { get; set; }

    /// <summary>Days to keep the cache (1..65536); null means it never expires.</summary>
    [JsonPropertyName("retentionDays")]
    public int? RetentionDays { get; set; }

    [JsonExtensionData]
    [YamlIgnore]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }

    /// <summary>The size ECI gets: the given one or the default.</summary>
    [JsonIgnore]
    [YamlIgnore]
    public int EffectiveImageCacheSize => ImageCacheSize ?? DefaultImageCacheSize;
}
