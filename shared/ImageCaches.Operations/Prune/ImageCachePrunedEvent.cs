using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;

namespace ImageCacheFunctions.ImageCaches.Operations.Prune;

/// <summary>
/// The <c>ImageCachePruned</c> CloudEvent (type <see cref="CloudEventType"/>), one per deletion,
/// in structured JSON mode. Its id is derived from what was deleted, so a consumer can drop a
/// duplicate when the same deletion is reported twice.
/// </summary>
public static class ImageCachePrunedEvent
{
    public const string CloudEventType = "dev.openfaas.imagecache.pruned";
    public const string Source = "/functions/prune-expired";
    public const string MediaType = "application/cloudevents+json";

    private static readonly JsonEventFormatter Formatter = new();

    public static CloudEvent Create(PruneReportEntry deleted, string? uid, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(deleted);
        var data = new JsonObject
        {
            ["name"] = deleted.Name,
            ["uid"] = uid,
            ["imageCacheId"] = deleted.ImageCacheId,
            ["policy"] = deleted.Policy,
            ["reason"] = deleted.Detail,
            ["imageCacheSizeGiB"] = deleted.SizeGiB,
            ["eciCacheDeleted"] = deleted.EciCacheDeleted,
            ["objectDeleted"] = deleted.ObjectDeleted,
        };

        var key = string.Join('\n', uid ?? "", deleted.Name ?? "", deleted.ImageCacheId ?? "");
        return new CloudEvent(CloudEventsSpecVersion.V1_0)
        {
            Id = "pruned-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32],
            Source = new Uri(Source, UriKind.Relative),
            Type = CloudEventType,
            Subject = deleted.Name ?? deleted.ImageCacheId,
            Time = time,
            DataContentType = "application/json",
            Data = JsonSerializer.SerializeToElement(data),
        };
    }

    /// <summary>Structured-mode JSON of the event.</summary>
    public static ReadOnlyMemory<byte> Encode(CloudEvent cloudEvent) =>
        Formatter.EncodeStructuredModeMessage(cloudEvent, out _);

    /// <summary>Reads an encoded event back (for consumers and tests).</summary>
    public static CloudEvent Decode(ReadOnlyMemory<byte> body) =>
        Formatter.DecodeStructuredModeMessage(body, new System.Net.Mime.ContentType(MediaType), extensionAttributes: null);
}
