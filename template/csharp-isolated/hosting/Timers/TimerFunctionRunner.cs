using Microsoft.Azure.Functions.Worker;
using OpenFaaS.Functions.Worker.Invocation;
using OpenFaaS.Functions.Worker.Metadata;
using OpenFaaS.Functions.Worker.Metrics;

namespace OpenFaaS.Functions.Worker.Timers;

/// <summary>Runs a timer function with a <see cref="TimerInfo"/> describing its schedule.</summary>
internal sealed class TimerFunctionRunner(FunctionInvocationRunner runner, TimerSchedules schedules, TimeProvider time)
{
    /// <summary>A run more than this late against its schedule is reported as past due.</summary>
    public static readonly TimeSpan PastDueAfter = TimeSpan.FromSeconds(30);

    /// <summary>Clock skew tolerated between the cron-connector and this process.</summary>
    private static readonly TimeSpan ConnectorSkew = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How far apart cron-connector calls are at least: it fires at most once a minute (5-field
    /// cron), so each occurrence falls in exactly one call's window.
    /// </summary>
    public static readonly TimeSpan ConnectorWindow = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The TimerInfo of a run fired by the cron-connector now, or null when the function has no
    /// occurrence in this call's window (the call is for another timer of the process). An
    /// interval schedule ("00:05:00") is due on every call: the connector's schedule sets its pace.
    /// </summary>
    public TimerInfo? ForConnectorCall(FunctionEntry function)
    {
        var schedule = schedules.For(function);
        var now = time.GetUtcNow();
        var scheduled = schedule.Cron is null ? now : schedule.Previous(now + ConnectorSkew);
        // Up to the skew early, and up to a minute less the skew late: an occurrence belongs to
        // one call even when one call comes early and the next one late.
        if (scheduled is null || now - scheduled.Value >= ConnectorWindow - ConnectorSkew)
        {
            return null;
        }

        return Create(
            last: schedule.Before(scheduled.Value),
            next: schedule.Next(now),
            now: now,
            pastDue: now - scheduled.Value > PastDueAfter);
    }

    /// <summary>The TimerInfo of a RunOnStartup run: not past due, whatever the schedule.</summary>
    public TimerInfo ForStartupRun(FunctionEntry function)
    {
        var schedule = schedules.For(function);
        var now = time.GetUtcNow();
        return Create(last: schedule.Previous(now), next: schedule.Next(now), now: now, pastDue: false);
    }

    /// <summary>The TimerInfo of a run fired by Quartz.</summary>
    public TimerInfo ForScheduledRun(FunctionEntry function, DateTimeOffset? scheduled, DateTimeOffset? previous, DateTimeOffset? next)
    {
        var schedule = schedules.For(function);
        var now = time.GetUtcNow();
        var at = scheduled ?? now;
        return Create(
            last: previous ?? schedule.Before(at),
            next: next ?? schedule.Next(now),
            now: now,
            pastDue: now - at > PastDueAfter);
    }

    /// <summary>
    /// Runs the function, started by <paramref name="trigger"/> (an <see cref="InvocationTrigger"/>);
    /// returns the invocation id and the exception it threw, if any.
    /// </summary>
    public async Task<(string InvocationId, Exception? Failure)> RunAsync(FunctionEntry function, TimerInfo timer, string trigger, TraceContext trace, CancellationToken cancellationToken)
    {
        // [FixedDelayRetry]/[ExponentialBackoffRetry]: more attempts after a failure, each with its RetryContext.
        var policy = schedules.RetryFor(function);
        var (invocationId, failure) = await RunOnceAsync(function, timer, trigger, trace, WorkerRetryContext.FirstAttempt, cancellationToken).ConfigureAwait(false);
        for (var retry = 1; failure is not null && policy.Allows(retry) && !cancellationToken.IsCancellationRequested; retry++)
        {
            var delay = policy.DelayBefore(retry);
            if (policy.MaxRetryCount < 0 && timer.ScheduleStatus is { } status && time.GetUtcNow() + delay >= status.Next)
            {
                // Unbounded retries stop where the next occurrence takes over.
                break;
            }

            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            (invocationId, failure) = await RunOnceAsync(function, timer, trigger, trace, new WorkerRetryContext(retry, policy.MaxRetryCount), cancellationToken).ConfigureAwait(false);
        }

        return (invocationId, failure);
    }

    private async Task<(string InvocationId, Exception? Failure)> RunOnceAsync(FunctionEntry function, TimerInfo timer, string trigger, TraceContext trace, RetryContext retry, CancellationToken cancellationToken)
    {
        string invocationId = string.Empty;
        Exception? failure = null;
        var setup = new InvocationSetup(
            trigger,
            $"Timer fired at {time.GetUtcNow():O}",
            trace,
            new Dictionary<string, object?>(),
            _ => new InvocationInputs { Timer = timer })
        {
            Retry = retry,
        };
        await runner.RunAsync(function, setup, (context, error) =>
        {
            invocationId = context.InvocationId;
            failure = error;
            // The cron-connector's answer for a run (see CronConnectorHandler).
            return Task.FromResult(error is null ? 200 : 500);
        }, cancellationToken).ConfigureAwait(false);
        return (invocationId, failure);
    }

    private static TimerInfo Create(DateTimeOffset? last, DateTimeOffset? next, DateTimeOffset now, bool pastDue) => new()
    {
        IsPastDue = pastDue,
        ScheduleStatus = new ScheduleStatus
        {
            Last = (last ?? now).UtcDateTime,
            Next = (next ?? now).UtcDateTime,
            LastUpdated = now.UtcDateTime,
        },
    };
}
