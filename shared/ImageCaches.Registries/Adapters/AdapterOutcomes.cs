using System.Text.Json;

namespace ImageCacheFunctions.ImageCaches.Registries.Adapters;

/// <summary>Outcomes shared by the adapters.</summary>
internal static class AdapterOutcomes
{
    public static WebhookOutcome Malformed(WebhookSource source, string message) =>
        WebhookOutcome.Reject(400, message, source.Name);

    /// <summary>The JSON root, or the 400 that says why there is none.</summary>
    public static bool TryGetJson(IncomingPayload payload, WebhookSource source, JsonValueKind kind, out JsonElement root, out WebhookOutcome? rejection)
    {
        if (payload.Json is { } json && json.ValueKind == kind)
        {
            root = json;
            rejection = null;
            return true;
        }

        root = default;
        var expected = kind == JsonValueKind.Array ? "a JSON array" : "a JSON object";
        rejection = Malformed(
            source,
            payload.Json is { } other
                ? $"the body is {Describe(other.ValueKind)}, not {expected} as {WebhookSourceTypeNames.NameOf(source.Type)} sends"
                : payload.JsonError ?? "the body is not JSON");
        return false;
    }

    /// <summary>Reads every decoded CloudEvent of the request (structured, batch or binary mode).</summary>
    public static WebhookOutcome ReadCloudEvents(IncomingPayload payload, WebhookSource source)
    {
        if (payload.CloudEvents is not { } events)
        {
            return Malformed(source, payload.CloudEventsError ?? "the CloudEvent cannot be read");
        }

        var collector = new PushCollector(source);
        for (var i = 0; i < events.Count; i++)
        {
            CloudEventReader.Read(events[i], events.Count == 1 ? "event" : $"events[{i}]", collector);
        }

        return collector.Outcome();
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "a JSON array",
        JsonValueKind.Object => "a JSON object",
        JsonValueKind.String => "a JSON string",
        JsonValueKind.Number => "a JSON number",
        _ => "a JSON literal",
    };
}
