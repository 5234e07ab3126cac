using System.Text.Json;
using System.Text.Json.Nodes;

namespace ImageCacheFunctions.ImageCaches.Registries.Adapters;

/// <summary>
/// Azure Event Grid deliveries of container registry events: the Event Grid schema (a JSON
/// array, <c>aeg-event-type: Notification</c>, <c>eventType: Microsoft.ContainerRegistry.ImagePushed</c>
/// or the older <c>ImagePushed</c>) including the subscription validation handshake, and the
/// CloudEvents schema (structured or batch, same type, data as in the Event Grid schema).
/// </summary>
internal sealed class EventGridAdapter : IRegistryAdapter
{
    private const string ValidationEventType = "Microsoft.EventGrid.SubscriptionValidationEvent";

    public WebhookSourceType Type => WebhookSourceType.EventGrid;

    public bool Recognises(IncomingPayload payload) => payload.Mode switch
    {
        CloudEventMode.None => payload.Request.Header("aeg-event-type") is not null
            || (payload.Json is { ValueKind: JsonValueKind.Array } array
                && array.GetArrayLength() > 0
                && array[0].String("eventType") is not null),
        _ => payload.CloudEvents?.Any(e => e.Type?.StartsWith("Microsoft.", StringComparison.Ordinal) == true) == true,
    };

    public WebhookOutcome Read(IncomingPayload payload, WebhookSource source)
    {
        if (payload.Mode != CloudEventMode.None)
        {
            return AdapterOutcomes.ReadCloudEvents(payload, source);
        }

        // Event Grid always sends an array; a single object is accepted for hand-made tests.
        IEnumerable<JsonElement> events;
        if (payload.Json is { ValueKind: JsonValueKind.Array } array)
        {
            events = array.EnumerateArray();
        }
        else if (payload.Json is { ValueKind: JsonValueKind.Object } single)
        {
            events = [single];
        }
        else
        {
            return AdapterOutcomes.Malformed(source, payload.JsonError ?? "the Event Grid payload is not a JSON array of events");
        }

        var collector = new PushCollector(source);
        var index = 0;
        foreach (var e in events)
        {
            var item = $"[{index++}]";
            var type = e.String("eventType");
            if (type == ValidationEventType)
            {
                return Validate(e, source);
            }

            if (type is "Microsoft.ContainerRegistry.ImagePushed" or "ImagePushed")
            {
                if (e.Object("data") is not { } data)
                {
                    collector.Reject(item, "the event has no data object");
                    continue;
                }

                var time = Timestamps.ParseIso(data.String("timestamp")) ?? Timestamps.ParseIso(e.String("eventTime"));
                DistributionEventReader.Read(data, item, collector, e.Text("id"), time);
            }
            else if (type is null)
            {
                collector.Reject(item, "the event has no eventType");
            }
            else
            {
                collector.Ignore($"{item} {DistributionEventReader.Shorten(type)}", "not an image push");
            }
        }

        return collector.Outcome();
    }

    /// <summary>Answers the subscription validation, only for configured topics or subscriptions.</summary>
    private static WebhookOutcome Validate(JsonElement e, WebhookSource source)
    {
        var code = e.Object("data").String("validationCode");
        if (string.IsNullOrEmpty(code))
        {
            return AdapterOutcomes.Malformed(source, "the subscription validation event has no data.validationCode");
        }

        var topic = e.String("topic") ?? string.Empty;
        if (!IsAllowed(topic, source))
        {
            return WebhookOutcome.Reject(
                403,
                $"Event Grid subscription validation refused: topic '{DistributionEventReader.Shorten(topic)}' is not in eventGrid.topics, nor under a subscription in eventGrid.subscriptionIds, of source '{source.Name}'",
                source.Name);
        }

        var body = new JsonObject { ["validationResponse"] = code };
        return new WebhookOutcome
        {
            Kind = WebhookOutcomeKind.Handshake,
            StatusCode = 200,
            Message = "Event Grid subscription validated",
            SourceName = source.Name,
            ResponseBody = body.ToJsonString(),
            ResponseHeaders = new Dictionary<string, string> { ["Content-Type"] = "application/json" },
        };
    }

    private static bool IsAllowed(string topic, WebhookSource source)
    {
        if (source.EventGridTopics.Any(t => string.Equals(t, topic, StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        foreach (var subscription in source.EventGridSubscriptionIds)
        {
            var prefix = "/subscriptions/" + subscription;
            if (topic.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
                && (topic.Length == prefix.Length || topic[prefix.Length] == '/'))
            {
                return true;
            }
        }

        return false;
    }
}
