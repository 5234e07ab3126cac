using System.Text.Json;

namespace ImageCacheFunctions.ImageCaches.Registries.Adapters;

/// <summary>
/// Azure Container Registry webhooks: one flat event <c>{id, timestamp, action, target,
/// request}</c>; <c>action: ping</c> is the portal's test; other actions (delete, chart_push,
/// quarantine) are ignored.
/// </summary>
internal sealed class AzureAcrAdapter : IRegistryAdapter
{
    public WebhookSourceType Type => WebhookSourceType.AzureAcr;

    public bool Recognises(IncomingPayload payload) =>
        payload.Mode == CloudEventMode.None
        && payload.Json is { ValueKind: JsonValueKind.Object } json
        && json.String("action") is not null
        && (json.Object("target") is not null || json.Object("request") is not null)
        && !json.Has("events");

    public WebhookOutcome Read(IncomingPayload payload, WebhookSource source)
    {
        if (!AdapterOutcomes.TryGetJson(payload, source, JsonValueKind.Object, out var root, out var rejection))
        {
            return rejection!;
        }

        var collector = new PushCollector(source);
        DistributionEventReader.Read(root, "event", collector);
        return collector.Outcome();
    }
}
