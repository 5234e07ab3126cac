using System.Text.Json;
using ImageCacheFunctions.ImageCaches.Images;

namespace ImageCacheFunctions.ImageCaches.Registries.Adapters;

/// <summary>
/// Google Artifact Registry notifications (Pub/Sub topic <c>gcr</c>) through a push
/// subscription: the push envelope <c>{"message": {"data": base64, "messageId", "publishTime"},
/// "subscription"}</c>, or the unwrapped message (payload unwrapping, with metadata in
/// <c>x-goog-pubsub-*</c> headers). The message is <c>{"action": "INSERT", "digest":
/// "&lt;ref&gt;@sha256:…", "tag": "&lt;ref&gt;:&lt;tag&gt;"}</c>; <c>tag</c> is absent for an untagged push.
/// </summary>
internal sealed class GarAdapter : IRegistryAdapter
{
    public WebhookSourceType Type => WebhookSourceType.Gar;

    public bool Recognises(IncomingPayload payload) =>
        payload.Mode == CloudEventMode.None
        && payload.Json is { ValueKind: JsonValueKind.Object } json
        && (json.Object("message") is { } message && message.Has("data")
            || (json.String("action") is not null
                && (json.String("digest") is not null || json.String("tag") is not null)
                && !json.Has("target")));

    public WebhookOutcome Read(IncomingPayload payload, WebhookSource source)
    {
        if (!AdapterOutcomes.TryGetJson(payload, source, JsonValueKind.Object, out var root, out var rejection))
        {
            return rejection!;
        }

        var collector = new PushCollector(source);
        if (root.Object("message") is not { } message)
        {
            ReadNotification(
                root,
                collector,
                payload.Request.Header("x-goog-pubsub-message-id"),
                Timestamps.ParseIso(payload.Request.Header("x-goog-pubsub-publish-time")));
            return collector.Outcome();
        }

        var id = message.Text("messageId") ?? message.Text("message_id");
        var time = Timestamps.ParseIso(message.String("publishTime") ?? message.String("publish_time"));
        var data = message.String("data");
        if (data is null)
        {
            collector.Reject("message", "the Pub/Sub message has no data string");
            return collector.Outcome();
        }

        var bytes = new byte[data.Length];
        if (!Convert.TryFromBase64String(data, bytes, out var length))
        {
            collector.Reject("message", "the Pub/Sub message data is not base64");
            return collector.Outcome();
        }

        try
        {
            using var document = JsonDocument.Parse(bytes.AsMemory(0, length), JsonLimits.DocumentOptions);
            ReadNotification(document.RootElement, collector, id, time);
        }
        catch (JsonException)
        {
            collector.Reject("message", "the Pub/Sub message data is not an Artifact Registry notification (JSON with action, digest, tag)");
        }

        return collector.Outcome();
    }

    private static void ReadNotification(JsonElement notification, PushCollector collector, string? id, DateTimeOffset? time)
    {
        const string item = "message";
        if (notification.ValueKind != JsonValueKind.Object)
        {
            collector.Reject(item, "the notification is not a JSON object");
            return;
        }

        var action = notification.String("action");
        if (action != "INSERT")
        {
            collector.Ignore(item, $"action {DistributionEventReader.Shorten(action ?? "(none)")} is not an upload");
            return;
        }

        var tagReference = notification.String("tag").NullIfEmpty();
        var digestReference = notification.String("digest").NullIfEmpty();
        string? registry = null;
        string? repository = null;
        string? tag = null;
        string? digest = null;
        if (tagReference is not null)
        {
            if (!ImageReference.TryParse(tagReference, out var tagged, out var error))
            {
                collector.Reject(item, error!);
                return;
            }

            (registry, repository, tag) = (tagged!.Registry, tagged.Repository, tagged.Tag);
        }

        if (digestReference is not null)
        {
            var at = digestReference.IndexOf('@', StringComparison.Ordinal);
            if (at <= 0)
            {
                collector.Reject(item, $"digest '{DistributionEventReader.Shorten(digestReference)}' is not <image>@<digest>");
                return;
            }

            digest = digestReference[(at + 1)..];
            if (repository is null)
            {
                if (!ImageReference.TryParse(digestReference[..at], out var named, out var error))
                {
                    collector.Reject(item, error!);
                    return;
                }

                (registry, repository) = (named!.Registry, named.Repository);
            }
        }

        collector.Add(item, new PushFields(registry, repository, tag, digest, null, time, id));
    }
}
