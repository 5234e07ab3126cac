using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenFaaS.Functions.Worker.Hosting;
using OpenFaaS.Functions.Worker.Metadata;
using OpenFaaS.Functions.Worker.Metrics;

namespace OpenFaaS.Functions.Worker.Timers;

/// <summary>
/// In quartz mode, schedules every timer function on an in-process Quartz.NET scheduler (UTC);
/// in connector mode it does nothing, so a timer never fires from both. Quartz's scheduler (and
/// its assembly) is set up only in quartz mode with timer functions (<see cref="QuartzSchedule"/>):
/// under OpenFaaS and in HTTP-only apps the process never loads it.
/// </summary>
internal sealed class QuartzTimerScheduler(
    FunctionCatalog catalog,
    TimerSchedules schedules,
    WorkerHostSettings settings,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    TimerFunctionRunner runner,
    ILoggerFactory loggers) : IHostedService
{
    private readonly CancellationTokenSource _stopping = new();
    private QuartzSchedule? _schedule;
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

        _schedule = await QuartzSchedule.StartAsync(timers, schedules, time, catalog, runner, loggers, cancellationToken).ConfigureAwait(false);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // A RunOnStartup run in progress finishes, as a scheduled one does.
        await _startupRuns.WaitAsync(cancellationToken).ConfigureAwait(false);
        _stopping.Dispose();
        if (_schedule is not null)
        {
            // Let a running timer function finish, as a graceful stop lets HTTP calls finish.
            await _schedule.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RunOnStartupAsync(IReadOnlyList<FunctionEntry> functions, CancellationToken cancellationToken)
    {
        foreach (var function in functions)
        {
            await runner.RunAsync(function, runner.ForStartupRun(function), InvocationTrigger.Timer, new Invocation.WorkerTraceContext(string.Empty, string.Empty), cancellationToken).ConfigureAwait(false);
        }
    }
}
