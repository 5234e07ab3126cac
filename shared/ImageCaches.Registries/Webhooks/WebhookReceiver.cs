using ImageCacheFunctions.ImageCaches.Registries.Adapters;

namespace ImageCacheFunctions.ImageCaches.Registries;

/// <summary>
/// Turns one webhook request into a <see cref="WebhookOutcome"/>: size limit (413), method
/// (405), source by <c>?source=</c> (404 when unknown) or by detection (400 when nothing or
/// several sources match), authentication (401), content type (415), and the source's adapter
/// (400 for a malformed payload; accepted events otherwise). A configured source that could not
/// be loaded answers 503. Pure: no I/O, no exceptions for
/// any input; safe to call concurrently.
/// </summary>
public sealed class WebhookReceiver(WebhookSettings settings)
{
    /// <summary>Query parameter naming the source explicitly.</summary>
    public const string SourceParameter = "source";

    private static readonly Dictionary<WebhookSourceType, IRegistryAdapter> Adapters = new IRegistryAdapter[]
    {
        new AlibabaAcrAdapter(),
        new HarborAdapter(),
        new DockerHubAdapter(),
        new DistributionAdapter(),
        new GhcrAdapter(),
        new QuayAdapter(),
        new AzureAcrAdapter(),
        new EventGridAdapter(),
        new EcrAdapter(),
        new GarAdapter(),
        new JfrogAdapter(),
        new CloudEventsAdapter(),
    }.ToDictionary(a => a.Type);

    public WebhookSettings Settings { get; } = settings ?? throw new ArgumentNullException(nameof(settings));

    /// <summary>
    /// <see cref="Receive"/> after checking a bearer token against the sources that verify
    /// signed tokens (<see cref="JwtAuthentication"/>: the issuer's keys are fetched, then cached).
    /// </summary>
    public async Task<WebhookOutcome> ReceiveAsync(WebhookRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Method.Equals("POST", StringComparison.OrdinalIgnoreCase)
            && request.Body.Length <= Settings.MaxBodyBytes
            && JwtAuthentication.TokenOf(request) is { } token)
        {
            var sources = request.QueryValue(SourceParameter) is { } name
                ? Settings.Sources.TryGetValue(name, out var named) ? [named] : []
                : Settings.Sources.Values.ToList();
            var verified = new HashSet<SourceAuthentication>(ReferenceEqualityComparer.Instance);
            foreach (var jwt in sources.Select(s => s.Authentication).OfType<JwtAuthentication>())
            {
                if (await jwt.VerifyAsync(token, cancellationToken).ConfigureAwait(false))
                {
                    verified.Add(jwt);
                }
            }

            request = request with { VerifiedBy = verified };
        }

        return Receive(request);
    }

    public WebhookOutcome Receive(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return ReceiveCore(request);
        }
        catch (UnreadableTextException e)
        {
            return WebhookOutcome.Reject(400, e.Message);
        }
        catch (Exception e) when (e is not (OutOfMemoryException or StackOverflowException))
        {
            // Every adapter is written not to throw; this net keeps a bug from becoming a 500
            // with a stack trace. Tests assert it is never reached.
            return WebhookOutcome.Reject(400, $"{InternalErrorPrefix}{e.GetType().Name}");
        }
    }

    /// <summary>Start of the message of the safety net's 400 (never expected; tests look for it).</summary>
    public const string InternalErrorPrefix = "the payload could not be read: internal error ";

    private WebhookOutcome ReceiveCore(WebhookRequest request)
    {
        if (request.Body.Length > Settings.MaxBodyBytes)
        {
            return WebhookOutcome.Reject(413, $"the body has {request.Body.Length} bytes; the limit is {Settings.MaxBodyBytes}");
        }

        var method = request.Method.ToUpperInvariant();
        var sourceName = request.QueryValue(SourceParameter);
        WebhookSource? named = null;
        if (sourceName is not null && !Settings.Sources.TryGetValue(sourceName, out named))
        {
            return Settings.BrokenNamed(sourceName) is { } broken
                ? NotLoaded([broken])
                : WebhookOutcome.Reject(404, $"webhook source '{Shorten(sourceName)}' is not configured");
        }

        if (method == "OPTIONS")
        {
            return CloudEventsWebhookHandshake.Answer(request, named is null ? Settings.Sources.Values.ToList() : [named]);
        }

        if (method != "POST")
        {
            return WebhookOutcome.Reject(
                405,
                $"method {Shorten(request.Method)} is not allowed; registries POST events here",
                headers: new Dictionary<string, string> { ["Allow"] = "POST, OPTIONS" });
        }

        if (named is not null && !named.Authentication.IsAuthentic(request))
        {
            return WebhookOutcome.Reject(401, $"the request is not authenticated for source '{named.Name}'", named.Name);
        }

        using var payload = IncomingPayload.TryRead(request, out var unsupported);
        if (payload is null)
        {
            return WebhookOutcome.Reject(
                415,
                $"content type '{Shorten(unsupported ?? string.Empty)}' cannot be read; webhooks are read as JSON (application/json, application/*+json, CloudEvents)",
                named?.Name);
        }

        if (named is not null)
        {
            return Adapters[named.Type].Read(payload, named) with { SourceName = named.Name };
        }

        return ReadDetected(request, payload);
    }

    private WebhookOutcome ReadDetected(WebhookRequest request, IncomingPayload payload)
    {
        if (Settings.Sources.Count == 0)
        {
            return WebhookOutcome.Reject(404, "no webhook sources are configured");
        }

        var candidates = Settings.Sources.Values.Where(s => Adapters[s.Type].Recognises(payload)).ToList();
        var brokenCandidates = Settings.Broken.Where(b => b.Type is not { } type || Adapters[type].Recognises(payload)).ToList();
        if (candidates.Count == 0 && brokenCandidates.Count > 0)
        {
            return NotLoaded(brokenCandidates);
        }

        if (candidates.Count == 0)
        {
            return WebhookOutcome.Reject(
                400,
                payload.Json is null && payload.Mode == CloudEventMode.None
                    ? $"{payload.JsonError}; name the source with ?source=<name>"
                    : "no configured source recognises this payload; name the source with ?source=<name>");
        }

        // Authentication settles what the body alone cannot (two Harbor instances, a key rotation).
        var authenticated = candidates.Where(s => s.Authentication.IsAuthentic(request)).ToList();
        if (authenticated.Count == 0)
        {
            return WebhookOutcome.Reject(401, "the request is not authenticated for any source that reads this payload");
        }

        if (authenticated.Count > 1)
        {
            return WebhookOutcome.Reject(
                400,
                $"the request is ambiguous: it matches sources {string.Join(", ", authenticated.Select(s => $"'{s.Name}' ({WebhookSourceTypeNames.NameOf(s.Type)})"))}; name one with ?source=<name>");
        }

        var source = authenticated[0];
        return Adapters[source.Type].Read(payload, source) with { SourceName = source.Name };
    }

    /// <summary>
    /// 503 for a source that is configured but could not be loaded: the sender retries, and the
    /// retry succeeds once the configuration is fixed (it is re-read without a restart). The
    /// reason is in the log and in /_/ready, not in the answer to an anonymous caller.
    /// </summary>
    private static WebhookOutcome NotLoaded(IReadOnlyList<BrokenSource> broken) => WebhookOutcome.Reject(
        503,
        $"webhook source{(broken.Count == 1 ? string.Empty : "s")} {string.Join(", ", broken.Select(b => $"'{b.Name}'"))} could not be loaded; the reason is in the function's log and /_/ready",
        broken.Count == 1 ? broken[0].Name : null,
        new Dictionary<string, string> { ["Retry-After"] = NotLoadedRetryAfterSeconds });

    /// <summary>Retry-After of a broken source's 503: long enough to fix a secret, short enough not to lose the push.</summary>
    private const string NotLoadedRetryAfterSeconds = "60";

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
}

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
