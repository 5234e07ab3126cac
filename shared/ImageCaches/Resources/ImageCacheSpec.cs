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
