using ImageCacheFunctions.LocalGateway.Stack;
using Quartz;

namespace ImageCacheFunctions.LocalGateway.Cron;

/// <summary>
/// The local cron-connector: every function whose stack.yml annotations subscribe it to
/// `cron-function` gets its `schedule` fired by Quartz.NET through <see cref="CronInvoker"/>.
/// </summary>
internal sealed class CronConnector : IAsyncDisposable
{
    private readonly IScheduler _scheduler;

    private CronConnector(IScheduler scheduler, IReadOnlyList<ScheduledFunction> scheduled)
    {
        _scheduler = scheduler;
        Scheduled = scheduled;
    }

    public IReadOnlyList<ScheduledFunction> Scheduled { get; }

    /// <summary>Checks every schedule before anything starts, so a typo fails the gateway at once.</summary>
    public static void Validate(IEnumerable<StackFunction> functions)
    {
        foreach (var function in functions)
        {
            if (function.Schedule is { } schedule)
            {
                CronTriggers.Parse(function.Name, schedule);
            }
        }
    }

    public static async Task<CronConnector> StartAsync(
        ISchedulerFactory factory, IReadOnlyList<StackFunction> functions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(functions);
        var scheduler = await factory.GetScheduler(cancellationToken).ConfigureAwait(false);
        var scheduled = new List<ScheduledFunction>();
        foreach (var function in functions)
        {
            if (function.Schedule is not { } schedule)
            {
                continue;
            }

            var job = JobBuilder.Create<CronInvocationJob>()
                .WithIdentity(function.Name)
                .UsingJobData(CronInvocationJob.FunctionKey, function.Name)
                .Build();
            var trigger = CronTriggers.For(function.Name, schedule);
            await scheduler.ScheduleJob(job, trigger, ScheduleJobOptions.Replacing, cancellationToken).ConfigureAwait(false);
            scheduled.Add(new ScheduledFunction(function.Name, schedule, trigger.GetFireTimeAfter(DateTimeOffset.UtcNow)));
        }

        await scheduler.Start(cancellationToken).ConfigureAwait(false);
        return new CronConnector(scheduler, scheduled);
    }

    public async ValueTask DisposeAsync() =>
        await _scheduler.Shutdown(false, CancellationToken.None).ConfigureAwait(false);
}
