namespace ImageCacheFunctions.ImageCaches.Registries.Adapters;

/// <summary>
/// Any CloudEvents 1.0 producer, in binary, structured or batch mode, whose events name an
/// image (see <see cref="CloudEventReader"/>).
/// </summary>
internal sealed class CloudEventsAdapter : IRegistryAdapter
{
    public WebhookSourceType Type => WebhookSourceType.CloudEvents;

    public bool Recognises(IncomingPayload payload) => payload.Mode != CloudEventMode.None;

    public WebhookOutcome Read(IncomingPayload payload, WebhookSource source) =>
        payload.Mode == CloudEventMode.None
            ? AdapterOutcomes.Malformed(source, "the request is not a CloudEvent (no ce-specversion header, no application/cloudevents content type)")
            : AdapterOutcomes.ReadCloudEvents(payload, source);
}
