using System.Text.Json;
using System.Text.Json.Serialization;
using YamlDotNet.Serialization;

namespace ImageCacheFunctions.ImageCaches.Resources;

/// <summary>One image of a pending refresh and the digest it was pushed with.</summary>
public sealed class PendingRefreshImage
{
    [JsonPropertyName("image")]
    public string Image { get; set; } = "";

    [JsonPropertyName("digest")]
    public string? Digest { get; set; }

    /// <summary>When the registry says this push happened; null when it does not say (then arrival order counts).</summary>
    [JsonPropertyName("pushedAt")]
    [JsonConverter(typeof(KubernetesTimeJsonConverter))]
    public DateTimeOffset? PushedAt { get; set; }

    [JsonExtensionData]
    [YamlIgnore]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
