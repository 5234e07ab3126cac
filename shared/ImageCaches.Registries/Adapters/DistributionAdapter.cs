using System.Text.Json;

namespace ImageCacheFunctions.ImageCaches.Registries.Adapters;

/// <summary>
/// CNCF distribution notifications (also GitLab's self-managed registry):
/// <c>application/vnd.docker.distribution.events.v1+json</c> (2.x) or <c>…v2+json</c> (3.x),
/// <c>{"events": […]}</c>. Blob (layer, config) pushes are ignored; manifest and index pushes
/// are kept; a push by digest has no <c>target.tag</c>.
/// </summary>
internal sealed class DistributionAdapter : IRegistryAdapter
{
    public WebhookSourceType Type => WebhookSourceType.Distribution;

    public bool Recognises(IncomingPayload payload) =>
        payload.Mode == CloudEventMode.None
        && (payload.MediaType?.StartsWith("application/vnd.docker.distribution.events", StringComparison.Ordinal) == true
            || (payload.Json is { ValueKind: JsonValueKind.Object } json && json.Array("events") is not null));

    public WebhookOutcome Read(IncomingPayload payload, WebhookSource source)
    {
        if (!AdapterOutcomes.TryGetJson(payload, source, JsonValueKind.Object, out var root, out var rejection))
        {
            return rejection!;
        }

        if (root.Array("events") is not { } events)
        {
            return AdapterOutcomes.Malformed(source, "the notification has no events array");
        }

        var collector = new PushCollector(source);
        var index = 0;
        foreach (var e in events.EnumerateArray())
        {
            DistributionEventReader.Read(e, $"events[{index++}]", collector);
        }

        return collector.Outcome();
    }
}
