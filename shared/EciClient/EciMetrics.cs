using ImageCacheFunctions.Eci.Errors;
using Prometheus;

namespace ImageCacheFunctions.Eci;

/// <summary>
/// Prometheus metrics of the ECI client, one series per OpenAPI action (a fixed set) and
/// outcome class; each HTTP attempt counts once, so a call that was retried shows its
/// failed attempts and its retries.
/// </summary>
internal static class EciMetrics
{
    private static readonly Counter Requests = Metrics.CreateCounter(
        "imagecache_eci_requests_total",
        "ECI OpenAPI attempts by action and outcome (ok, throttled, rejected, credentials, not_found, unavailable, timeout).",
        "action", "outcome");

    private static readonly Histogram Duration = Metrics.CreateHistogram(
        "imagecache_eci_request_duration_seconds",
        "Time of one ECI OpenAPI attempt, by action.",
        new HistogramConfiguration { LabelNames = ["action"], Buckets = Histogram.ExponentialBuckets(0.01, 2, 12) });

    private static readonly Counter Retries = Metrics.CreateCounter(
        "imagecache_eci_retries_total",
        "ECI OpenAPI attempts repeated after a transient failure (throttling, 5xx, timeout), by action.",
        "action");

    public static void Attempted(string action, string outcome, TimeSpan elapsed)
    {
        Requests.WithLabels(action, outcome).Inc();
        // Publishes a zero for the action's retries, so rate() works before the first one.
        Retries.WithLabels(action).Inc(0);
        Duration.WithLabels(action).Observe(elapsed.TotalSeconds);
    }

    public static void Retried(string action) => Retries.WithLabels(action).Inc();

    /// <summary>The outcome label of a failed attempt.</summary>
    public static string OutcomeOf(EciException error) => error.Code switch
    {
        var code when code.StartsWith(EciErrorCodes.Throttling, StringComparison.Ordinal) => "throttled",
        EciErrorCodes.RequestTimeout => "timeout",
        var code when EciErrorClassification.IsCredentialError(code) => "credentials",
        var code when EciErrorClassification.IsNotFound(code) => "not_found",
        _ when error.IsRetryable => "unavailable",
        _ => "rejected",
    };
}
