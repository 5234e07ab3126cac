using Quartz;

namespace ImageCacheFunctions.LocalGateway.Cron;

/// <summary>The Quartz job behind every schedule: invoke the function named in the job data.</summary>
internal sealed class CronInvocationJob(CronInvoker invoker) : IJob
{
    public const string FunctionKey = "function";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var function = context.MergedJobDataMap.GetString(FunctionKey)
            ?? throw new JobExecutionException("the job has no function name");
        await invoker.InvokeAsync(function, cancellationToken).ConfigureAwait(false);
    }
}
