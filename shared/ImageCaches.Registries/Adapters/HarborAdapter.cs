using System.Text.Json;

namespace ImageCacheFunctions.ImageCaches.Registries.Adapters;

/// <summary>
/// Harbor webhooks, default JSON (<c>type: PUSH_ARTIFACT</c>, <c>event_data</c>) and the
/// CloudEvents format (Harbor ≥ 2.8, structured <c>harbor.artifact.pushed</c>). Other event types
/// (pull, delete, scan, quota…) are ignored.
/// </summary>
internal sealed class HarborAdapter : IRegistryAdapter
{
    public WebhookSourceType Type => WebhookSourceType.Harbor;

    public bool Recognises(IncomingPayload payload) => payload.Mode switch
    {
        CloudEventMode.None => payload.Json is { ValueKind: JsonValueKind.Object } json
            && json.String("type") is not null
            && json.Object("event_data") is not null,
        _ => payload.CloudEvents?.Any(e => e.Type?.StartsWith("harbor.", StringComparison.Ordinal) == true) == true,
    };

    public WebhookOutcome Read(IncomingPayload payload, WebhookSource source)
    {
        if (payload.Mode != CloudEventMode.None)
        {
            return AdapterOutcomes.ReadCloudEvents(payload, source);
        }

        if (!AdapterOutcomes.TryGetJson(payload, source, JsonValueKind.Object, out var root, out var rejection))
        {
            return rejection!;
        }

        var collector = new PushCollector(source);
        var type = root.String("type");
        if (type is null)
        {
            return AdapterOutcomes.Malformed(source, "the Harbor payload has no type");
        }

        if (type != "PUSH_ARTIFACT")
        {
            collector.Ignore(DistributionEventReader.Shorten(type), "a Harbor event that is not a push");
            return collector.Outcome();
        }

        if (root.Object("event_data") is not { } eventData)
        {
            return AdapterOutcomes.Malformed(source, "the Harbor payload has no event_data object");
        }

        HarborEventReader.Read(eventData, "event_data", collector, Timestamps.FromUnixSeconds(root.Int64("occur_at")), null);
        return collector.Outcome();
    }
}
