using ImageCacheFunctions.ImageCaches.Resources;
using Prometheus;

namespace ImageCacheFunctions.ImageCaches.Operations.Reconcile;

/// <summary>
/// Prometheus metrics of reconcile passes, recorded from each pass's report. The gauges
/// describe the last full pass this process ran (reconcile-status runs one at a time).
/// </summary>
public static class ReconcileMetrics
{
    /// <summary>The phase label of objects without a status.phase yet.</summary>
    public const string NoPhase = "None";

    private static readonly string[] Phases =
    [
        ImageCachePhase.Preparing, ImageCachePhase.Creating, ImageCachePhase.Ready, ImageCachePhase.Failed,
        ImageCachePhase.Updating, ImageCachePhase.UpdateFailed, ImageCachePhase.Pending, ImageCachePhase.Missing,
        ImageCachePhase.Deleting, NoPhase,
    ];

    private static readonly Counter Passes = Metrics.CreateCounter(
        "imagecache_reconcile_passes_total",
        "Reconcile passes over the whole fleet, by result: ok (no error), errors (an object or the pass failed).",
        "result");

    private static readonly Histogram PassDuration = Metrics.CreateHistogram(
        "imagecache_reconcile_pass_duration_seconds",
        "Time of one reconcile pass over the whole fleet.",
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.05, 2, 12) });

    private static readonly Gauge Objects = Metrics.CreateGauge(
        "imagecache_reconcile_objects",
        "ImageCache objects seen by the last full pass, by status.phase after it.",
        "phase");

    private static readonly Counter Changes = Metrics.CreateCounter(
        "imagecache_reconcile_changes_total",
        "What passes did, by kind: created, updated (ECI), status (written), deleted (ECI caches), finalized, blocked.",
        "kind");

    private static readonly Counter Errors = Metrics.CreateCounter(
        "imagecache_reconcile_errors_total",
        "Objects (or whole passes) a pass failed on; the next pass retries them.");

    private static readonly Gauge Orphans = Metrics.CreateGauge(
        "imagecache_reconcile_orphans",
        "ECI caches tagged as ours with no ImageCache object, found by the last full pass.");

    private static readonly Gauge LeftOver = Metrics.CreateGauge(
        "imagecache_reconcile_left_over_objects",
        "Objects the last full pass left for the next one when its time budget ran out.");

    private static readonly Histogram PushToReady = Metrics.CreateHistogram(
        "imagecache_refresh_push_to_ready_seconds",
        "Time from a registry push (the refresh's requestedAt) to the cache being Ready with it (status.lastRefresh).",
        new HistogramConfiguration { Buckets = [15, 30, 60, 120, 180, 300, 600, 900, 1800, 3600, 7200] });

    /// <summary>Observes a refresh that this status write completed (status.lastRefresh.readyAt newly set).</summary>
    public static void StatusWritten(ImageCacheStatus? before, ImageCacheStatus after)
    {
        ArgumentNullException.ThrowIfNull(after);
        if (after.LastRefresh is { ReadyAt: not null, PushToReadySeconds: { } seconds } && before?.LastRefresh?.ReadyAt is null)
        {
            PushToReady.Observe(seconds);
        }
    }

    /// <summary>Records a pass (whole fleet when <paramref name="fullPass"/>, else one object).</summary>
    public static void Record(ReconcileReport report, IEnumerable<ObjectReconcileResult> allResults, bool fullPass)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(allResults);
        Changes.WithLabels("created").Inc(report.Created);
        Changes.WithLabels("updated").Inc(report.Updated);
        Changes.WithLabels("status").Inc(report.StatusChanges);
        Changes.WithLabels("deleted").Inc(report.Deleted);
        Changes.WithLabels("finalized").Inc(report.Finalized);
        Changes.WithLabels("blocked").Inc(report.Blocked);
        Errors.Inc(report.Errors.Count);
        if (!fullPass)
        {
            return;
        }

        Passes.WithLabels(report.Errors.Count == 0 ? "ok" : "errors").Inc();
        PassDuration.Observe(report.DurationMilliseconds / 1000.0);
        Orphans.Set(report.Orphans.Count);
        LeftOver.Set(report.LeftOver.Count);
        var byPhase = allResults
            .Where(r => r.Outcome is not ObjectReconcileOutcome.NotFound)
            .GroupBy(r => string.IsNullOrEmpty(r.Phase) ? NoPhase : r.Phase, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        foreach (var phase in Phases)
        {
            Objects.WithLabels(phase).Set(byPhase.GetValueOrDefault(phase));
        }
    }
}
