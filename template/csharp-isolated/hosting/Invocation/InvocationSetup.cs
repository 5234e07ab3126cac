using Microsoft.Azure.Functions.Worker;

namespace OpenFaaS.Functions.Worker.Invocation;

/// <summary>
/// What a trigger hands to the runner to start one invocation; <paramref name="Trigger"/> is
/// one of <see cref="Metrics.InvocationTrigger"/>.
/// </summary>
internal sealed record InvocationSetup(
    string Trigger,
    string Reason,
    TraceContext TraceContext,
    IReadOnlyDictionary<string, object?> BindingData,
    Func<FunctionContext, InvocationInputs> CreateInputs)
{
    /// <summary>Which attempt this is (a retried timer run), as FunctionContext.RetryContext tells it.</summary>
    public RetryContext Retry { get; init; } = WorkerRetryContext.FirstAttempt;
}
