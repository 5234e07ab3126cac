namespace ImageCacheFunctions.ImageCaches.Registries.Adapters;

/// <summary>One registry's webhook format: recognise it, read it into <see cref="ImagePushed"/> events.</summary>
internal interface IRegistryAdapter
{
    WebhookSourceType Type { get; }

    /// <summary>True when the headers and body look like this format (used when no <c>?source=</c> is given).</summary>
    bool Recognises(IncomingPayload payload);

    /// <summary>
    /// Reads the payload for an authenticated <paramref name="source"/>. Never throws for bad
    /// input: a malformed payload is a 400 outcome, a malformed event a 400 for that event.
    /// </summary>
    WebhookOutcome Read(IncomingPayload payload, WebhookSource source);
}
