using System.Text.Json;
using System.Text.Json.Serialization;
using YamlDotNet.Serialization;

namespace ImageCacheFunctions.ImageCaches.Resources;

/// <summary>The digest cached for one image of the spec, and when it was pushed.</summary>
public sealed class ImageCacheImageStatus
{
    /// <summary>The image as written in spec.images.</summary>
    [JsonPropertyName("image")]
    public string Image { get; set; } = "";

    /// <summary><c>sha256:…</c> of the manifest (or index) that was cached.</summary>
    [JsonPropertyName("digest")]
    public string? Digest { get; set; }

    [JsonPropertyName("pushedAt")]
    [JsonConverter(typeof(KubernetesTimeJsonConverter))]
    public DateTimeOffset? PushedAt { get; set; }

    [JsonExtensionData]
    [YamlIgnore]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
