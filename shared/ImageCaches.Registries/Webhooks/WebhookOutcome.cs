namespace ImageCacheFunctions.ImageCaches.Registries;

/// <summary>What the webhook made of a request.</summary>
public enum WebhookOutcomeKind
{
    /// <summary>Authenticated and read: <see cref="WebhookOutcome.Events"/> to act on, <see cref="WebhookOutcome.Ignored"/> with reasons.</summary>
    Accepted,

    /// <summary>Refused as a whole (401, 404, 405, 413, 415, 400); nothing to act on.</summary>
    Rejected,

    /// <summary>A protocol handshake answered (CloudEvents OPTIONS, Event Grid validation); nothing to act on.</summary>
    Handshake,
}

/// <summary>An event in a delivery that yields no <see cref="ImagePushed"/>, and why.</summary>
/// <param name="Item">Which event (e.g. <c>events[1]</c>, the media type and digest).</param>
/// <param name="Reason">Why it was not taken.</param>
/// <param name="Invalid">True when the event was malformed (a 400 for that event); false when it is simply not a manifest push (layer blob, ping, delete…).</param>
public sealed record IgnoredEvent(string Item, string Reason, bool Invalid);

/// <summary>
/// The answer to one webhook request. <see cref="StatusCode"/> is what to send back; for
/// <see cref="WebhookOutcomeKind.Accepted"/> the caller acts on <see cref="Events"/> and then
/// writes its own summary (an accepted delivery whose events were all invalid has 400).
/// </summary>
public sealed record WebhookOutcome
{
    public required WebhookOutcomeKind Kind { get; init; }

    public required int StatusCode { get; init; }

    /// <summary>What was wrong (for rejections) or what was done, for the response and logs; never contains a secret.</summary>
    public string? Message { get; init; }

    /// <summary>The configured source that the request was attributed to, once known.</summary>
    public string? SourceName { get; init; }

    public IReadOnlyList<ImagePushed> Events { get; init; } = [];

    public IReadOnlyList<IgnoredEvent> Ignored { get; init; } = [];

    /// <summary>Headers to send back (handshake grants, <c>Allow</c>).</summary>
    public IReadOnlyDictionary<string, string> ResponseHeaders { get; init; } = new Dictionary<string, string>();

    /// <summary>A body the protocol requires (Event Grid's <c>{"validationResponse": …}</c>), JSON.</summary>
    public string? ResponseBody { get; init; }

    internal static WebhookOutcome Reject(int statusCode, string message, string? sourceName = null, IReadOnlyDictionary<string, string>? headers = null) => new()
    {
        Kind = WebhookOutcomeKind.Rejected,
        StatusCode = statusCode,
        Message = message,
        SourceName = sourceName,
        ResponseHeaders = headers ?? new Dictionary<string, string>(),
    };
}
