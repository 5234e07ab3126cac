using System.Diagnostics;
using Prometheus;

namespace OpenFaaS.Functions.Worker.Metrics;

/// <summary>
/// The host's Prometheus metrics, served with everything else in the process's default
/// registry at <see cref="Path"/>. Labels are low-cardinality: function names come from the
/// compiled catalog, triggers and status classes from fixed sets.
/// </summary>
public static class HostMetrics
{
    /// <summary>Where the host serves its metrics (Prometheus convention); not behind the function key.</summary>
    public const string Path = "/metrics";

    internal static readonly Counter Invocations = Prometheus.Metrics.CreateCounter(
        "functions_invocations_total",
        "Function invocations by function, trigger (http, timer, connector) and status class of the answer (2xx, 4xx, 5xx; a timer run is 2xx or 5xx).",
        "function", "trigger", "status");

    internal static readonly Histogram Duration = Prometheus.Metrics.CreateHistogram(
        "functions_invocation_duration_seconds",
        "Time from the start of an invocation to its answer, by function and trigger.",
        new HistogramConfiguration
        {
            LabelNames = ["function", "trigger"],
            // 5 ms to ~5.5 min: a webhook answer to a long prune pass.
            Buckets = Histogram.ExponentialBuckets(0.005, 2, 17),
        });

    internal static readonly Counter TimerRunsSkipped = Prometheus.Metrics.CreateCounter(
        "functions_timer_runs_skipped_total",
        "Timer runs not started because the same timer function's previous pass was still running in this process (overlapping cron-connector calls).",
        "function");

    internal static readonly Gauge InFlight = Prometheus.Metrics.CreateGauge(
        "functions_invocations_in_flight",
        "Invocations running now, by function.",
        "function");

    internal static readonly Gauge StartupSeconds = Prometheus.Metrics.CreateGauge(
        "functions_host_startup_seconds",
        "Seconds from the process's start until the host was ready to serve.");

    /// <summary>
    /// Keeps the process metrics (process_*) and drops the adapters that republish .NET
    /// EventCounters and Meters as gauges: they would add hundreds of series nobody alerts on.
    /// Effective only before the first scrape.
    /// </summary>
    internal static void ConfigureDefaults() => Prometheus.Metrics.SuppressDefaultMetrics(new SuppressDefaultMetricOptions
    {
        SuppressProcessMetrics = false,
        SuppressDebugMetrics = true,
        SuppressEventCounters = true,
        SuppressMeters = true,
    });

    /// <summary>
    /// <see cref="ConfigureDefaults"/> and the host's metrics created. prometheus-net compiles a
    /// regular expression (Reflection.Emit) for the first metric it creates, tens of milliseconds:
    /// the host runs this beside its own start (off the start-up path) and waits for it before it
    /// serves /metrics.
    /// </summary>
    internal static void Prepare()
    {
        ConfigureDefaults();
        _ = Invocations;
    }

    /// <summary>Records the host's start-up time, measured from the process's start.</summary>
    internal static void MarkStarted(TimeProvider time)
    {
        var started = new DateTimeOffset(Process.GetCurrentProcess().StartTime.ToUniversalTime());
        StartupSeconds.Set(Math.Max(0, (time.GetUtcNow() - started).TotalSeconds));
    }

    /// <summary>The status label of an HTTP status code: <c>2xx</c>, <c>4xx</c>, <c>5xx</c>.</summary>
    internal static string StatusClass(int statusCode) => statusCode switch
    {
        < 200 => "1xx",
        < 300 => "2xx",
        < 400 => "3xx",
        < 500 => "4xx",
        _ => "5xx",
    };
}
