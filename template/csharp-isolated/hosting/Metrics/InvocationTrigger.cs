namespace OpenFaaS.Functions.Worker.Metrics;

/// <summary>What started an invocation: the <c>trigger</c> label of the host's metrics.</summary>
internal static class InvocationTrigger
{
    /// <summary>An HTTP call of an HTTP-triggered function.</summary>
    public const string Http = "http";

    /// <summary>A timer function fired by the in-process (Quartz) schedule.</summary>
    public const string Timer = "timer";

    /// <summary>A timer function fired by the OpenFaaS cron-connector's POST.</summary>
    public const string Connector = "connector";
}
