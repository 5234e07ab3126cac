using Prometheus;

namespace ImageCacheFunctions.ImageCaches.Operations.Prune;

/// <summary>Prometheus metrics of prune runs, recorded from each run's report.</summary>
public static class PruneMetrics
{
    private static readonly Counter Runs = Metrics.CreateCounter(
        "imagecache_prune_runs_total",
        "Prune runs by result: ok, capped (the cap stopped every deletion), failed (the fleet could not be read); dry runs included.",
        "result");

    private static readonly Counter Candidates = Metrics.CreateCounter(
        "imagecache_prune_candidates_total",
        "Caches selected for deletion, by policy (expired, failed, orphaned, unused); dry runs included.",
        "policy");

    private static readonly Counter Deletions = Metrics.CreateCounter(
        "imagecache_prune_deletions_total",
        "Caches deleted (not on dry runs), by policy.",
        "policy");

    private static readonly Counter Reclaimed = Metrics.CreateCounter(
        "imagecache_prune_reclaimed_bytes_total",
        "Sum of imageCacheSize of the ECI caches deleted (not on dry runs), in bytes (GiB × 2^30).");

    public static void Record(PruneReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        Runs.WithLabels(report.Error is not null ? "failed" : report.Cap.Capped ? "capped" : "ok").Inc();
        foreach (var (policy, selected) in report.Candidates)
        {
            Candidates.WithLabels(policy).Inc(selected.Count);
            // Publishes a zero for each policy applied, so rate() works before the first deletion.
            Deletions.WithLabels(policy).Inc(0);
        }

        if (report.DryRun)
        {
            return;
        }

        foreach (var byPolicy in report.Deleted.GroupBy(d => d.Policy, StringComparer.Ordinal))
        {
            Deletions.WithLabels(byPolicy.Key).Inc(byPolicy.Count());
        }

        Reclaimed.Inc(report.Reclaimed.Bytes);
    }
}
