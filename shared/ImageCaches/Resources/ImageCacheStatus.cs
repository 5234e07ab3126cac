using System.Text.Json;
using System.Text.Json.Serialization;
using k8s.Models;
using YamlDotNet.Serialization;

namespace ImageCacheFunctions.ImageCaches.Resources;

/// <summary>
/// What the functions observed. The first seven fields are the seed's ImageCacheStatus (copied
/// from ECI by reconcile); the rest is what the controller needs to stay stateless.
/// </summary>
public sealed class ImageCacheStatus
{
    /// <summary>See <see cref="ImageCachePhase"/>.</summary>
    [JsonPropertyName("phase")]
    public string? Phase { get; set; }

    /// <summary>ECI's progress text, e.g. <c>100%</c>.</summary>
    [JsonPropertyName("progress")]
    public string? Progress { get; set; }

    /// <summary>The ECI cache id (<c>imc-…</c>).</summary>
    [JsonPropertyName("imageCacheId")]
    public string? ImageCacheId { get; set; }

    /// <summary>When the ECI cache was created.</summary>
    [JsonPropertyName("startTime")]
    [JsonConverter(typeof(KubernetesTimeJsonConverter))]
    public DateTimeOffset? StartTime { get; set; }

    /// <summary>When this status was last changed from ECI's state.</summary>
    [JsonPropertyName("lastUpdatedTime")]
    [JsonConverter(typeof(KubernetesTimeJsonConverter))]
    public DateTimeOffset? LastUpdatedTime { get; set; }

    /// <summary>ECI's cache events (image pulls), in the shape the seed shows.</summary>
    [JsonPropertyName("events")]
    public IList<Corev1Event>? Events { get; set; }

    /// <summary>When ECI deletes the cache: end of retention, or 24 h after a failure.</summary>
    [JsonPropertyName("expireDateTime")]
    [JsonConverter(typeof(KubernetesTimeJsonConverter))]
    public DateTimeOffset? ExpireDateTime { get; set; }

    /// <summary>The metadata.generation this status describes.</summary>
    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; set; }

    /// <summary>Digest last cached for each image of the spec.</summary>
    [JsonPropertyName("images")]
    public IList<ImageCacheImageStatus>? Images { get; set; }

    /// <summary>When ECI last matched the cache to a pod (for unused-cache pruning).</summary>
    [JsonPropertyName("lastMatchedTime")]
    [JsonConverter(typeof(KubernetesTimeJsonConverter))]
    public DateTimeOffset? LastMatchedTime { get; set; }

    /// <summary>A refresh recorded by a push and not yet handed to ECI.</summary>
    [JsonPropertyName("pendingRefresh")]
    public PendingRefresh? PendingRefresh { get; set; }

    /// <summary>The ECI parameters the current cache was built or last updated with (from annotations and defaults).</summary>
    [JsonPropertyName("settings")]
    public Settings.CacheSettings? Settings { get; set; }

    /// <summary>The compressed size in bytes of the images (configs and layers for the cache's platform), read from their registries before the cache was created.</summary>
    [JsonPropertyName("measuredImageSize")]
    public long? MeasuredImageSize { get; set; }

    /// <summary>The platform the cache is for, e.g. <c>linux/arm64</c>.</summary>
    [JsonPropertyName("platform")]
    public string? Platform { get; set; }

    /// <summary>ECI's temporary local snapshot (instant image cache), while it exists.</summary>
    [JsonPropertyName("flashSnapshotId")]
    public string? FlashSnapshotId { get; set; }

    /// <summary>ECI's elimination strategy of the cache (<c>LRU</c>), when set.</summary>
    [JsonPropertyName("eliminationStrategy")]
    public string? EliminationStrategy { get; set; }

    /// <summary>The last refresh handed to ECI and how long it took from push to Ready.</summary>
    [JsonPropertyName("lastRefresh")]
    public ImageCacheLastRefresh? LastRefresh { get; set; }

    [JsonPropertyName("conditions")]
    public IList<V1Condition>? Conditions { get; set; }

    [JsonExtensionData]
    [YamlIgnore]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
