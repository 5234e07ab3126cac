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

    /// <summary>The TimerInfo of a run fired by the cron-connector now.</summary>
    public TimerInfo ForConnectorCall(FunctionEntry function)
    {
        var schedule = schedules.For(function);
        var now = time.GetUtcNow();
        var scheduled = schedule.Cron is null ? now : schedule.Previous(now + ConnectorSkew) ?? now;
        return Create(
            last: schedule.Before(scheduled),
            next: schedule.Next(now),
            now: now,
            pastDue: now - scheduled > PastDueAfter);
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
        string invocationId = string.Empty;
        Exception? failure = null;
        var setup = new InvocationSetup(
            trigger,
            $"Timer fired at {time.GetUtcNow():O}",
            trace,
            new Dictionary<string, object?>(),
            _ => new InvocationInputs { Timer = timer });
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
