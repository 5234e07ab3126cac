using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenFaaS.Functions.Worker.Metadata;
using Quartz;

namespace OpenFaaS.Functions.Worker.Timers;

/// <summary>
/// The in-process Quartz.NET scheduler of quartz mode, with one job per timer function. It has
/// a service container of its own, built only when quartz mode has timers to run, so that a
/// process that never schedules anything never loads Quartz (see <see cref="QuartzTimerScheduler"/>).
/// </summary>
internal sealed partial class QuartzSchedule : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly IScheduler _scheduler;

    private QuartzSchedule(ServiceProvider services, IScheduler scheduler)
    {
        _services = services;
        _scheduler = scheduler;
    }

    public static async Task<QuartzSchedule> StartAsync(
        IReadOnlyList<FunctionEntry> timers,
        TimerSchedules schedules,
        TimeProvider time,
        FunctionCatalog catalog,
        TimerFunctionRunner runner,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var services = new ServiceCollection();
        var logger = loggers.CreateLogger<QuartzTimerScheduler>();
        services.AddSingleton(loggers);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        // One scheduler per host (Quartz keeps schedulers in a process-wide registry by name).
        services.AddQuartz(q => q.ConfigureScheduler(o => o.InstanceName = $"functions-{Guid.NewGuid():N}"));
        services.AddTransient(_ => new TimerFunctionJob(catalog, runner));
        var provider = services.BuildServiceProvider();
        try
        {
            var scheduler = await provider.GetRequiredService<ISchedulerFactory>().GetScheduler(cancellationToken).ConfigureAwait(false);
            foreach (var function in timers)
            {
                var schedule = schedules.For(function);
                var job = JobBuilder.Create<TimerFunctionJob>()
                    .WithIdentity(function.Name)
                    .UsingJobData(TimerFunctionJob.FunctionNameKey, function.Name)
                    .Build();
                await scheduler.ScheduleJob(job, TriggersFor(function, schedule, time), new ScheduleJobOptions { Replace = true }, cancellationToken).ConfigureAwait(false);
                LogScheduled(logger, function.Name, schedule.ToString());
            }

            await scheduler.Start(cancellationToken).ConfigureAwait(false);
            return new QuartzSchedule(provider, scheduler);
        }
        catch
        {
            await provider.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops firing and waits for a running timer function to finish.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _scheduler.Shutdown(waitForJobsToComplete: true, cancellationToken).ConfigureAwait(false);
        await DisposeAsync().ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    private static List<ITrigger> TriggersFor(FunctionEntry function, TimerSchedule schedule, TimeProvider time)
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

    [LoggerMessage(20, LogLevel.Information, "Timer function '{FunctionName}' scheduled in-process: {Schedule}")]
    private static partial void LogScheduled(ILogger logger, string functionName, string schedule);
}
