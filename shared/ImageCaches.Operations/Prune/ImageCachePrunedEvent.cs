using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudNative.CloudEvents;

namespace ImageCacheFunctions.ImageCaches.Operations.Prune;

/// <summary>
/// The <c>ImageCachePruned</c> CloudEvent (type <see cref="CloudEventType"/>), one per deletion,
/// sent through <see cref="Events.CloudEventSink"/> like every other event. Its id is derived
/// from what was deleted, so a consumer can drop a duplicate when the same deletion is reported twice.
/// </summary>
public static class ImageCachePrunedEvent
{
    public const string CloudEventType = Events.LifecycleCloudEvents.TypePrefix + "pruned";

    public static CloudEvent Create(PruneReportEntry deleted, string? uid, DateTimeOffset time, Uri source)
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
            Source = source,
            Type = CloudEventType,
            Subject = deleted.Name ?? deleted.ImageCacheId,
            Time = time,
            DataContentType = "application/json",
            Data = JsonSerializer.SerializeToElement(data),
        };
    }
}
