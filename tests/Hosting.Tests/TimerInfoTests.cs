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

        Assert.False(info.IsPastDue);
        Assert.Equal(new DateTime(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc), info.ScheduleStatus!.Last);
        Assert.Equal(new DateTime(2026, 3, 2, 10, 10, 0, DateTimeKind.Utc), info.ScheduleStatus.Next);
        Assert.Equal(clock.GetUtcNow().UtcDateTime, info.ScheduleStatus.LastUpdated);
        Assert.Equal(DateTimeKind.Utc, info.ScheduleStatus.Next.Kind);
    }

    [Fact]
    public void A_connector_run_long_after_its_occurrence_is_past_due()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 10, 7, 30, TimeSpan.Zero));
        var (timers, function) = Resolve(clock, "TimerFunction");

        var info = timers.ForConnectorCall(function);

        Assert.True(info.IsPastDue);
        Assert.Equal(new DateTime(2026, 3, 2, 10, 10, 0, DateTimeKind.Utc), info.ScheduleStatus!.Next);
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
        return (provider.GetRequiredService<TimerFunctionRunner>(), function);
    }
}
