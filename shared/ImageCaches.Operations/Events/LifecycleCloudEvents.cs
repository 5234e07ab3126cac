using System.Text.Json;
using System.Text.Json.Nodes;
using CloudNative.CloudEvents;
using ImageCacheFunctions.ImageCaches.Kubernetes;
using ImageCacheFunctions.ImageCaches.Operations.Refresh;
using ImageCacheFunctions.ImageCaches.Resources;

namespace ImageCacheFunctions.ImageCaches.Operations.Events;

/// <summary>
/// Turns each Kubernetes Event about an ImageCache into a CloudEvent of type
/// <c>dev.openfaas.imagecache.&lt;verb&gt;</c> (subject: the ImageCache's name) and queues it on
/// the <see cref="CloudEventSink"/>. Pruned is left out here: prune sends its own, richer
/// <see cref="Prune.ImageCachePrunedEvent"/> through the same sink.
/// </summary>
public sealed class LifecycleCloudEvents(CloudEventSink sink, TimeProvider time) : IImageCacheEventObserver
{
    public const string TypePrefix = "dev.openfaas.imagecache.";

    /// <summary>The verb of each Event reason; reasons not listed are not sent.</summary>
    public static IReadOnlyDictionary<string, string> Verbs { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [ImageCacheEventReasons.Created] = "created",
        [ImageCacheEventReasons.Recreated] = "created",
        [RefreshEventReasons.AutoCreated] = "autocreated",
        [ImageCacheEventReasons.Ready] = "ready",
        [ImageCacheEventReasons.Failed] = "failed",
        [ImageCacheEventReasons.CreateFailed] = "failed",
        [ImageCacheEventReasons.UpdateFailed] = "failed",
        [ImageCacheEventReasons.Updated] = "updated",
        [ImageCacheEventReasons.RefreshRequested] = "refreshrequested",
        [ImageCacheEventReasons.Missing] = "missing",
        [ImageCacheEventReasons.Deleted] = "deleted",
        [ImageCacheEventReasons.CredentialsProblem] = "credentialsproblem",
    };

    public void Recorded(ImageCache cache, string type, string reason, string message)
    {
        ArgumentNullException.ThrowIfNull(cache);
        if (!sink.IsConfigured || !Verbs.TryGetValue(reason, out var verb))
        {
            return;
        }

        var data = new JsonObject
        {
            ["name"] = cache.Metadata?.Name,
            ["uid"] = cache.Metadata?.Uid,
            ["reason"] = reason,
            ["eventType"] = type,
            ["message"] = message,
            ["phase"] = cache.Status?.Phase,
            ["imageCacheId"] = cache.Status?.ImageCacheId,
        };

        sink.Publish(new CloudEvent(CloudEventsSpecVersion.V1_0)
        {
            Id = Guid.NewGuid().ToString(),
            Source = sink.Source,
            Type = TypePrefix + verb,
            Subject = cache.Metadata?.Name,
            Time = time.GetUtcNow(),
            DataContentType = "application/json",
            Data = JsonSerializer.SerializeToElement(data),
        });
    }
}
