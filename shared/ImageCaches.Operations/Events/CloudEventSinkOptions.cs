namespace ImageCacheFunctions.ImageCaches.Operations.Events;

/// <summary>
/// Where and how the functions send their CloudEvents (section <c>CloudEvents</c>). The sink is
/// <see cref="SinkUrl"/>, or else the <c>K_SINK</c> environment variable (the Knative
/// SinkBinding convention); none when both are empty.
/// </summary>
public sealed class CloudEventSinkOptions
{
    public const string SectionName = "CloudEvents";

    /// <summary>The Knative variable that names a sink when <see cref="SinkUrl"/> is unset.</summary>
    public const string KnativeSinkVariable = "K_SINK";

    /// <summary>An absolute http(s) URL that receives structured-JSON CloudEvents by POST.</summary>
    public Uri? SinkUrl { get; set; }

    /// <summary>The variable OpenFaaS sets to the function's name in its container.</summary>
    public const string FunctionNameVariable = "OPENFAAS_NAME";

    /// <summary>
    /// The <c>source</c> of the events; by default <c>/functions/&lt;OPENFAAS_NAME&gt;</c>,
    /// e.g. <c>/functions/reconcile-status</c>.
    /// </summary>
    public string Source { get; set; } = "/functions/imagecache";

    /// <summary>Timeout of one POST.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>POSTs per event at most (retries on 429, 5xx, timeouts and network errors).</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Lifecycle events waiting for delivery at most; more are dropped (and counted).</summary>
    public int QueueCapacity { get; set; } = 1000;
}
