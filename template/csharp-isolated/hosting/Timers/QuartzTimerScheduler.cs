using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenFaaS.Functions.Worker.Hosting;
using OpenFaaS.Functions.Worker.Metadata;
using OpenFaaS.Functions.Worker.Metrics;
using Quartz;

namespace OpenFaaS.Functions.Worker.Timers;

/// <summary>
/// In quartz mode, schedules every timer function on an in-process Quartz.NET scheduler (UTC);
/// in connector mode it does nothing, so a timer never fires from both.
/// </summary>
internal sealed partial class QuartzTimerScheduler(
    ISchedulerFactory schedulerFactory,
    FunctionCatalog catalog,
    TimerSchedules schedules,
    WorkerHostSettings settings,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    TimerFunctionRunner runner,
    ILogger<QuartzTimerScheduler> logger) : IHostedService
{
    private readonly CancellationTokenSource _stopping = new();
    private IScheduler? _scheduler;
    private Task _startupRuns = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var timers = catalog.TimerFunctions.ToList();
        if (settings.TimerMode == TimerMode.Connector)
        {
            // RunOnStartup in connector mode: once, in-process, when the host has started (as Azure does).
            var startup = timers.Where(f => f.TimerTrigger!.RunOnStartup).ToList();
            if (startup.Count > 0)
            {
                lifetime.ApplicationStarted.Register(() => _startupRuns = Task.Run(() => RunOnStartupAsync(startup, _stopping.Token)));
            }

            return;
        }

        if (timers.Count == 0)
        {
            return;
        }

        _scheduler = await schedulerFactory.GetScheduler(cancellationToken).ConfigureAwait(false);
        foreach (var function in timers)
        {
            var schedule = schedules.For(function);
            var job = JobBuilder.Create<TimerFunctionJob>()
                .WithIdentity(function.Name)
                .UsingJobData(TimerFunctionJob.FunctionNameKey, function.Name)
                .Build();
            var triggers = TriggersFor(function, schedule);
            await _scheduler.ScheduleJob(job, triggers, new ScheduleJobOptions { Replace = true }, cancellationToken).ConfigureAwait(false);
            LogScheduled(function.Name, schedule.ToString());
        }

        await _scheduler.Start(cancellationToken).ConfigureAwait(false);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // A RunOnStartup run in progress finishes, as a scheduled one does.
        await _startupRuns.WaitAsync(cancellationToken).ConfigureAwait(false);
        _stopping.Dispose();
        if (_scheduler is not null)
        {
            // Let a running timer function finish, as a graceful stop lets HTTP calls finish.
            await _scheduler.Shutdown(waitForJobsToComplete: true, cancellationToken).ConfigureAwait(false);
        }
    }

    private List<ITrigger> TriggersFor(FunctionEntry function, TimerSchedule schedule)
    {
        var triggers = new List<ITrigger>();
        if (schedule.Cron is { } cron)
        {
            for (var i = 0; i < cron.QuartzExpressions.Count; i++)
            {
                triggers.Add(TriggerBuilder.Create()
                    .WithIdentity($"{function.Name}-cron-{i}")
                    .WithCronSchedule(cron.QuartzExpressions[i], b => b.InTimeZone(TimeZoneInfo.Utc))
                    .Build());
            }
        }
        else
        {
            var interval = schedule.Interval!.Value;
            triggers.Add(TriggerBuilder.Create()
                .WithIdentity($"{function.Name}-interval")
                .StartAt(time.GetUtcNow() + interval)
                .WithSimpleSchedule(b => b.WithInterval(interval).RepeatForever())
                .Build());
        }

        if (function.TimerTrigger!.RunOnStartup)
        {
            triggers.Add(TriggerBuilder.Create().WithIdentity($"{function.Name}-startup").StartNow().Build());
        }

        return triggers;
    }

    private async Task RunOnStartupAsync(IReadOnlyList<FunctionEntry> functions, CancellationToken cancellationToken)
    {
        foreach (var function in functions)
        {
            await runner.RunAsync(function, runner.ForStartupRun(function), InvocationTrigger.Timer, new Invocation.WorkerTraceContext(string.Empty, string.Empty), cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(20, LogLevel.Information, "Timer function '{FunctionName}' scheduled in-process: {Schedule}")]
    private partial void LogScheduled(string functionName, string schedule);
}
