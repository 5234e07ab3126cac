using OpenFaaS.Functions.Worker.Invocation;
using OpenFaaS.Functions.Worker.Metadata;
using OpenFaaS.Functions.Worker.Metrics;
using Quartz;

namespace OpenFaaS.Functions.Worker.Timers;

/// <summary>The Quartz job of one timer function; a run never overlaps the previous one (as in Azure).</summary>
[DisallowConcurrentExecution]
internal sealed class TimerFunctionJob(FunctionCatalog catalog, TimerFunctionRunner timers) : IJob
{
    public const string FunctionNameKey = "function";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var name = context.MergedJobDataMap.GetString(FunctionNameKey);
        var function = catalog.TimerFunctions.First(f => f.Name == name);
        var info = timers.ForScheduledRun(function, context.ScheduledFireTimeUtc, context.PreviousFireTimeUtc, context.NextFireTimeUtc);
        // The runner logs a failure; Quartz has nothing to add, and the next firing proceeds.
        await timers.RunAsync(function, info, InvocationTrigger.Timer, new WorkerTraceContext(string.Empty, string.Empty), cancellationToken).ConfigureAwait(false);
    }
}
