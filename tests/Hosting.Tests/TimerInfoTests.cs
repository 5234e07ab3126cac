using ImageCacheFunctions.Hosting.SampleFunctions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OpenFaaS.Functions.Worker.Hosting;
using OpenFaaS.Functions.Worker.Metadata;
using OpenFaaS.Functions.Worker.Timers;

namespace ImageCacheFunctions.Hosting.Tests;

/// <summary>The TimerInfo a timer function receives, on a controlled clock.</summary>
public sealed class TimerInfoTests
{
    [Fact]
    public void A_connector_run_on_time_reports_the_previous_and_next_occurrences()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 10, 5, 2, TimeSpan.Zero));
        var (timers, function) = Resolve(clock, "TimerFunction");

        var info = timers.ForConnectorCall(function);

        Assert.NotNull(info);
        Assert.False(info.IsPastDue);
        Assert.Equal(new DateTime(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc), info.ScheduleStatus!.Last);
        Assert.Equal(new DateTime(2026, 3, 2, 10, 10, 0, DateTimeKind.Utc), info.ScheduleStatus.Next);
        Assert.Equal(clock.GetUtcNow().UtcDateTime, info.ScheduleStatus.LastUpdated);
        Assert.Equal(DateTimeKind.Utc, info.ScheduleStatus.Next.Kind);
    }

    [Fact]
    public void A_connector_call_late_within_its_minute_runs_the_timer_past_due()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 10, 5, 45, TimeSpan.Zero));
        var (timers, function) = Resolve(clock, "TimerFunction");

        var info = timers.ForConnectorCall(function);

        Assert.NotNull(info);
        Assert.True(info.IsPastDue);
        Assert.Equal(new DateTime(2026, 3, 2, 10, 10, 0, DateTimeKind.Utc), info.ScheduleStatus!.Next);
    }

    // One cron-connector schedule ("* * * * *") serves every timer of a process: each call runs
    // only the timers with an occurrence in its minute; the others wait for theirs.
    [Theory]
    [InlineData(10, 4, 58, true)]   // 2 s early: clock skew
    [InlineData(10, 5, 0, true)]
    [InlineData(10, 5, 50, true)]   // a call late by less than a minute less the skew
    [InlineData(10, 5, 56, false)]  // the next call, 2 s early: the occurrence is the previous call's
    [InlineData(10, 6, 0, false)]
    [InlineData(10, 7, 30, false)]
    [InlineData(10, 4, 50, false)]
    public void A_connector_call_runs_a_timer_only_in_the_minute_of_one_of_its_occurrences(int hour, int minute, int second, bool due)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, hour, minute, second, TimeSpan.Zero));
        var (timers, function) = Resolve(clock, "TimerFunction");

        Assert.Equal(due, timers.ForConnectorCall(function) is not null);
    }

    // samples/Extensions/Timer/TimerFunction.cs: [FixedDelayRetry(…, "00:00:10")]: a failed run is retried after the delay, with RetryContext counting.
    [Fact]
    public async Task A_failing_timer_with_FixedDelayRetry_is_retried_after_each_delay_until_it_succeeds()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
        var (timers, function, services) = ResolveWithServices(clock, "FlakyTimer");
        var ledger = services.GetRequiredService<RunLedger>();

        var run = timers.RunAsync(function, timers.ForStartupRun(function), "timer", new OpenFaaS.Functions.Worker.Invocation.WorkerTraceContext(string.Empty, string.Empty), CancellationToken.None);
        for (var i = 0; i < 1000 && !run.IsCompleted; i++)
        {
            // Each retry waits 10 s of the fake clock; nothing runs before the clock moves.
            await Task.WhenAny(run, Task.Delay(5));
            if (ledger.Runs.Count is var count && count < 3 && !run.IsCompleted)
            {
                clock.Advance(TimeSpan.FromSeconds(10));
            }
        }

        var (_, failure) = await run;
        Assert.Null(failure);
        Assert.Equal(["FlakyTimer retry 0 of 0", "FlakyTimer retry 1 of 2", "FlakyTimer retry 2 of 2"], ledger.Runs.Select(r => r.Function));
        Assert.True(clock.GetUtcNow() >= new DateTimeOffset(2026, 3, 2, 10, 0, 20, TimeSpan.Zero));
    }

    [Fact]
    public void A_quartz_run_reports_the_fire_times_quartz_gives()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 10, 5, 0, TimeSpan.Zero));
        var (timers, function) = Resolve(clock, "TimerFunction");
        var scheduled = clock.GetUtcNow();

        var info = timers.ForScheduledRun(function, scheduled, scheduled.AddMinutes(-5), scheduled.AddMinutes(5));

        Assert.False(info.IsPastDue);
        Assert.Equal(scheduled.AddMinutes(-5).UtcDateTime, info.ScheduleStatus!.Last);
        Assert.Equal(scheduled.AddMinutes(5).UtcDateTime, info.ScheduleStatus.Next);
    }

    [Fact]
    public void A_schedule_from_a_setting_or_a_timespan_is_resolved()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
        var (timers, function) = Resolve(clock, "FastTimer", fastTimerSchedule: "00:00:30");

        var info = timers.ForConnectorCall(function);

        Assert.NotNull(info);
        Assert.Equal(new DateTime(2026, 3, 2, 10, 0, 30, DateTimeKind.Utc), info.ScheduleStatus!.Next);
        Assert.Equal(new DateTime(2026, 3, 2, 9, 59, 30, DateTimeKind.Utc), info.ScheduleStatus.Last);
    }

    [Theory]
    [InlineData("00:05:00", null, 300)]
    [InlineData("1.00:00:00", null, 86400)]
    [InlineData("0 */5 * * * *", "0 0,5,10,15,20,25,30,35,40,45,50,55 * * * ?", null)]
    public void TimerTrigger_schedules_are_NCRONTAB_or_TimeSpan(string expression, string? quartz, int? seconds)
    {
        var schedule = TimerSchedule.Parse(expression);

        Assert.Equal(quartz, schedule.Cron?.QuartzExpressions.Single());
        Assert.Equal(seconds, (int?)schedule.Interval?.TotalSeconds);
    }

    private static (TimerFunctionRunner Timers, FunctionEntry Function) Resolve(TimeProvider clock, string name, string fastTimerSchedule = "0 0 0 1 1 *")
    {
        var (timers, function, _) = ResolveWithServices(clock, name, fastTimerSchedule);
        return (timers, function);
    }

    private static (TimerFunctionRunner Timers, FunctionEntry Function, IServiceProvider Services) ResolveWithServices(TimeProvider clock, string name, string fastTimerSchedule = "0 0 0 1 1 *")
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["FastTimerSchedule"] = fastTimerSchedule })
            .Build());
        services.AddFunctionsWorkerDefaults();
        services.AddSingleton(clock);
        services.Configure<FunctionsHostOptions>(o => o.FunctionAssemblies.Add(typeof(SampleServices).Assembly));
        SampleServices.Add(services);
        var provider = services.BuildServiceProvider();
        var function = provider.GetRequiredService<FunctionCatalog>().TimerFunctions.Single(f => f.Name == name);
        return (provider.GetRequiredService<TimerFunctionRunner>(), function, provider);
    }
}
