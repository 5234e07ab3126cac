using ImageCacheFunctions.ImageCaches.Refresh;
using ImageCacheFunctions.ImageCaches.Registries;

namespace ImageCacheFunctions.ImageCaches.Operations.Refresh;

/// <summary>
/// The JSON body of a webhook answer: what was recognised, matched, refreshed and created, and
/// every event or push that led to nothing with its reason. Never holds a secret.
/// </summary>
public sealed record WebhookSummary
{
    public string? Source { get; init; }

    /// <summary>Image pushes recognised in the delivery.</summary>
    public int EventsRecognised { get; init; }

    public int CachesMatched { get; init; }

    public int RefreshesRequested { get; init; }

    public int CachesCreated { get; init; }

    public IReadOnlyList<SummaryCache> Caches { get; init; } = [];

    public IReadOnlyList<SummaryIgnored> Ignored { get; init; } = [];

    /// <summary>Why the delivery was refused or must be retried; null when all went well.</summary>
    public string? Error { get; init; }

    /// <summary>A handshake's or a rejection's message.</summary>
    public string? Message { get; init; }

    /// <summary>The summary of an accepted delivery.</summary>
    public static WebhookSummary From(WebhookOutcome outcome, RefreshReport report)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(report);
        return new WebhookSummary
        {
            Source = outcome.SourceName,
            EventsRecognised = outcome.Events.Count,
            CachesMatched = report.CachesMatched,
            RefreshesRequested = report.RefreshesRequested,
            CachesCreated = report.CachesCreated,
            Caches = report.Caches.Select(SummaryCache.From).ToList(),
            Ignored = outcome.Ignored.Select(i => new SummaryIgnored(i.Item, i.Reason, i.Invalid))
                .Concat(report.Ignored.Select(i => new SummaryIgnored(i.Image, i.Reason, false)))
                .ToList(),
            Error = report.Unavailable,
        };
    }
}

/// <summary>One cache in a <see cref="WebhookSummary"/>.</summary>
public sealed record SummaryCache(
    string Name,
    bool Created,
    string? Rule,
    bool RefreshRecorded,
    string? Reconcile,
    string? Phase,
    IReadOnlyList<SummaryDecision> Images,
    string? Message)
{
    public static SummaryCache From(CacheRefreshResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new SummaryCache(
            result.Name,
            result.Created,
            result.Rule,
            result.RefreshRecorded,
            result.Reconcile,
            result.Phase,
            result.Decisions.Select(d => new SummaryDecision(d.SpecImage, d.Push.Image.ToString(), d.Push.Digest?.ToString(), d.Push.DeliveryId, RefreshDecisionKinds.NameOf(d.Kind), d.Reason)).ToList(),
            result.Message);
    }
}

/// <summary>What one push meant for one image of a cache.</summary>
public sealed record SummaryDecision(string Image, string Pushed, string? Digest, string? DeliveryId, string Decision, string Reason);

/// <summary>An event or push that led to nothing, and why.</summary>
public sealed record SummaryIgnored(string Item, string Reason, bool Invalid);

/// <summary>
/// The HTTP answer to a webhook delivery: status, headers and the body the function writes with
/// <c>WriteAsJsonAsync</c> (a <see cref="WebhookSummary"/>, or a handshake's own JSON document).
/// </summary>
public sealed record WebhookResponse(int StatusCode, IReadOnlyDictionary<string, string> Headers, object Body);
