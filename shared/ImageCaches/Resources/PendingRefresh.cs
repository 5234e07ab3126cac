using System.Text.Json;
using System.Text.Json.Serialization;
using YamlDotNet.Serialization;

namespace ImageCacheFunctions.ImageCaches.Resources;

/// <summary>
/// A refresh intent written durably before ECI is called, so that a crash, or ECI being busy
/// (not Ready/UpdateFailed), leaves work that reconcile finishes. Several pushes merge into one.
/// </summary>
public sealed class PendingRefresh
{
    [JsonPropertyName("requestedAt")]
    [JsonConverter(typeof(KubernetesTimeJsonConverter))]
    public DateTimeOffset? RequestedAt { get; set; }

    /// <summary>Why, e.g. <c>push</c> or <c>spec-changed</c>.</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; set; }

    /// <summary>The sender's delivery id of the (last) push, for tracing duplicates.</summary>
    [JsonPropertyName("deliveryId")]
    public string? DeliveryId { get; set; }

    /// <summary>The images and the digests they were pushed with.</summary>
    [JsonPropertyName("images")]
    public IList<PendingRefreshImage>? Images { get; set; }

    [JsonExtensionData]
    [YamlIgnore]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
