using System.Text.Json;
using System.Text.Json.Serialization;
using YamlDotNet.Serialization;

namespace ImageCacheFunctions.ImageCaches.Resources;

/// <summary>
/// The last refresh handed to ECI, from the push to the cache being Ready again: the number a
/// user waits for. Set when a pending refresh is consumed; completed when ECI reports Ready.
/// </summary>
public sealed class ImageCacheLastRefresh
{
    /// <summary>When the push that asked for the refresh arrived (the pending refresh's requestedAt).</summary>
    [JsonPropertyName("requestedAt")]
    [JsonConverter(typeof(KubernetesTimeJsonConverter))]
    public DateTimeOffset? RequestedAt { get; set; }

    /// <summary>When the cache was seen Ready with the refreshed images; null while ECI works.</summary>
    [JsonPropertyName("readyAt")]
    [JsonConverter(typeof(KubernetesTimeJsonConverter))]
    public DateTimeOffset? ReadyAt { get; set; }

    /// <summary>Whole seconds from <see cref="RequestedAt"/> to <see cref="ReadyAt"/>.</summary>
    [JsonPropertyName("pushToReadySeconds")]
    public long? PushToReadySeconds { get; set; }

    [JsonExtensionData]
    [YamlIgnore]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
