using System.Text.Json;

namespace ImageCacheFunctions.ImageCaches.Registries.Adapters;

/// <summary>
/// The distribution notification event shape (<c>action</c>, <c>target{mediaType, digest,
/// repository, tag, url}</c>, <c>request{host}</c>), shared by CNCF distribution, GitLab, Azure
/// ACR webhooks and Azure Event Grid's container registry data.
/// </summary>
internal static class DistributionEventReader
{
    public static void Read(JsonElement e, string item, PushCollector collector, string? deliveryId = null, DateTimeOffset? time = null)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            collector.Reject(item, "the event is not a JSON object");
            return;
        }

        var action = e.String("action");
        if (action is null)
        {
            collector.Reject(item, "the event has no action");
            return;
        }

        if (action == "ping")
        {
            collector.Ignore(item, "ping (webhook test)");
            return;
        }

        if (action != "push")
        {
            collector.Ignore(item, $"action '{Shorten(action)}' is not a push");
            return;
        }

        if (e.Object("target") is not { } target)
        {
            collector.Reject(item, "the push event has no target");
            return;
        }

        var mediaType = target.String("mediaType");
        var url = target.String("url");
        if (!ManifestMediaTypes.IsManifest(mediaType, url))
        {
            collector.Ignore($"{item} {Shorten(mediaType ?? "blob")}", "a layer or config blob, not a manifest");
            return;
        }

        var host = e.Object("request").String("host").NullIfEmpty() ?? HostOf(url);
        collector.Add(item, new PushFields(
            host,
            target.String("repository"),
            target.String("tag"),
            target.String("digest"),
            mediaType,
            time ?? Timestamps.ParseIso(e.String("timestamp")),
            deliveryId ?? e.Text("id")));
    }

    internal static string? HostOf(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.Authority) ? uri.Authority : null;

    internal static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
