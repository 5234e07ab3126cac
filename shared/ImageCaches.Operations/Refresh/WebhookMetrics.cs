using ImageCacheFunctions.ImageCaches.Refresh;
using ImageCacheFunctions.ImageCaches.Registries;
using Prometheus;

namespace ImageCacheFunctions.ImageCaches.Operations.Refresh;

/// <summary>
/// Prometheus metrics of registry-webhook deliveries. The <c>source</c> label is a configured
/// source's name (a bounded set chosen by the operator), or <c>unknown</c> before a request
/// is attributed to one; never anything the sender chose.
/// </summary>
public static class WebhookMetrics
{
    public const string UnknownSource = "unknown";

    private static readonly Counter Deliveries = Metrics.CreateCounter(
        "imagecache_webhook_deliveries_total",
        "Webhook deliveries by source and outcome: accepted, duplicate, ignored, unauthenticated, invalid, unavailable, handshake.",
        "source", "outcome");

    private static readonly Counter Events = Metrics.CreateCounter(
        "imagecache_webhook_events_recognised_total",
        "Image pushes recognised in accepted deliveries, by source.",
        "source");

    private static readonly Counter Refreshes = Metrics.CreateCounter(
        "imagecache_webhook_refreshes_requested_total",
        "Refreshes recorded in ImageCache objects' status.pendingRefresh by deliveries, by source.",
        "source");

    private static readonly Counter Created = Metrics.CreateCounter(
        "imagecache_webhook_caches_created_total",
        "ImageCache objects created by auto-create rules, by source.",
        "source");

    private static readonly Histogram Decision = Metrics.CreateHistogram(
        "imagecache_webhook_decision_duration_seconds",
        "Time from a delivery's arrival to its answer (authentication, reading, refresh decisions and writes).",
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.001, 2, 15) });

    /// <summary>A delivery refused or answered as a handshake.</summary>
    public static void NotAccepted(WebhookOutcome outcome, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var label = outcome.Kind == WebhookOutcomeKind.Handshake ? "handshake"
            : outcome.StatusCode is 401 or 403 ? "unauthenticated"
            : "invalid";
        Delivered(outcome.SourceName, label, elapsed);
    }

    /// <summary>An accepted delivery and what its pushes did.</summary>
    public static void Accepted(WebhookOutcome outcome, RefreshReport report, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(report);
        var source = outcome.SourceName ?? UnknownSource;
        Events.WithLabels(source).Inc(outcome.Events.Count);
        Refreshes.WithLabels(source).Inc(report.RefreshesRequested);
        Created.WithLabels(source).Inc(report.CachesCreated);
        Delivered(source, OutcomeOf(outcome, report), elapsed);
    }

    private static string OutcomeOf(WebhookOutcome outcome, RefreshReport report)
    {
        if (report.Unavailable is not null)
        {
            return "unavailable";
        }

        if (outcome.Events.Count == 0)
        {
            return outcome.StatusCode == 400 ? "invalid" : "ignored";
        }

        if (report.RefreshesRequested > 0 || report.CachesCreated > 0)
        {
            return "accepted";
        }

        // Matched caches, but every decision says the push is already cached or pending.
        var decisions = report.Caches.SelectMany(c => c.Decisions).ToList();
        return decisions.Count > 0 && decisions.All(d => d.Kind is RefreshDecisionKind.AlreadyCached or RefreshDecisionKind.AlreadyPending or RefreshDecisionKind.SameDelivery)
            ? "duplicate"
            : "ignored";
    }

    private static void Delivered(string? source, string outcome, TimeSpan elapsed)
    {
        Deliveries.WithLabels(source ?? UnknownSource, outcome).Inc();
        Decision.Observe(elapsed.TotalSeconds);
    }
}
