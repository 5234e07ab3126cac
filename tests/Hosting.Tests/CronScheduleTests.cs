using System.Reflection;
using System.Runtime.Loader;
using OpenFaaS.Functions.Worker.Timers;
using Quartz;

namespace ImageCacheFunctions.Hosting.Tests;

/// <summary>NCRONTAB ([TimerTrigger]) and Unix cron (cron-connector) to Quartz.NET, checked by the times they fire.</summary>
public sealed class CronScheduleTests
{
    // Monday 2026-03-02 00:00 UTC.
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Weekdays_at_0930_fire_Monday_to_Friday_only()
    {
        var schedule = CronSchedule.FromNCrontab("0 30 9 * * 1-5");

        var fires = schedule.GetOccurrences(Monday, Monday.AddDays(14));

        Assert.Equal(["0 30 9 ? * 2-6"], schedule.QuartzExpressions);
        Assert.Equal(10, fires.Count);
        Assert.All(fires, f =>
        {
            Assert.Equal(new TimeSpan(9, 30, 0), f.TimeOfDay);
            Assert.Equal(TimeSpan.Zero, f.Offset);
            Assert.InRange(f.DayOfWeek, DayOfWeek.Monday, DayOfWeek.Friday);
        });
    }

    [Theory]
    [InlineData("0 0 12 * * 0")]
    [InlineData("0 0 12 * * 7")]
    [InlineData("0 0 12 * * SUN")]
    [InlineData("0 0 12 * * sun")]
    public void Sunday_is_0_7_or_SUN(string expression)
    {
        var schedule = CronSchedule.FromNCrontab(expression);

        var fires = schedule.GetOccurrences(Monday, Monday.AddDays(28));

        Assert.Equal(["0 0 12 ? * 1"], schedule.QuartzExpressions);
        Assert.Equal(4, fires.Count);
        Assert.All(fires, f => Assert.Equal(DayOfWeek.Sunday, f.DayOfWeek));
    }

    [Theory]
    [InlineData("0 0 8 * * MON-FRI", "0 0 8 ? * 2-6")]
    [InlineData("0 0 8 * * SAT,SUN", "0 0 8 ? * 1,7")]
    [InlineData("0 0 8 * * 5-7", "0 0 8 ? * 1,6-7")]
    [InlineData("0 0 8 * * */2", "0 0 8 ? * 1,3,5,7")]
    [InlineData("0 0 8 * JAN,JUL *", "0 0 8 * 1,7 ?")]
    [InlineData("*/15 * * * * *", "0,15,30,45 * * * * ?")]
    [InlineData("0 */5 * * * *", "0 0,5,10,15,20,25,30,35,40,45,50,55 * * * ?")]
    [InlineData("0 0 0 1,15 * *", "0 0 0 1,15 * ?")]
    public void Names_ranges_lists_and_steps_convert(string ncrontab, string quartz)
    {
        var schedule = CronSchedule.FromNCrontab(ncrontab);

        Assert.Equal([quartz], schedule.QuartzExpressions);
        Assert.True(CronExpression.TryParse(quartz, out _));
    }

    [Fact]
    public void Every_fifteen_seconds_fires_four_times_a_minute()
    {
        var fires = CronSchedule.FromNCrontab("*/15 * * * * *").GetOccurrences(Monday, Monday.AddMinutes(1));

        Assert.Equal([15, 30, 45, 0], fires.Select(f => f.Second));
    }

    [Theory]
    [InlineData("0 * * * * *", "* * * * *")]
    [InlineData("0 0 * * * *", "0 * * * *")]
    [InlineData("0 30 9 * * 1-5", "30 9 * * 1-5")]
    [InlineData("0 0 0 * * 0", "@weekly")]
    [InlineData("0 0 * * * *", "@hourly")]
    public void An_ncrontab_and_a_unix_expression_for_the_same_times_agree(string ncrontab, string unix)
    {
        var from = Monday.AddHours(-3);
        var to = Monday.AddDays(8);

        Assert.Equal(
            CronSchedule.FromNCrontab(ncrontab).GetOccurrences(from, to),
            CronSchedule.FromUnixCron(unix).GetOccurrences(from, to));
    }

    [Theory]
    [InlineData("*/7 * * * *")]
    [InlineData("5,35 */3 * * *")]
    [InlineData("0 12 * * 0")]
    [InlineData("0 12 * * 7")]
    [InlineData("15 6 1 */2 *")]
    [InlineData("0 22 * * 1-5")]
    public void Unix_cron_fires_when_Quartz_own_unix_parser_says(string unix)
    {
        var ours = CronSchedule.FromUnixCron(unix).GetOccurrences(Monday, Monday.AddDays(70));
        var theirs = new List<DateTimeOffset>();
        var quartz = CronExpression.Parse(unix, CronFormat.Unix).WithTimeZone(TimeZoneInfo.Utc);
        for (var next = quartz.GetNextValidTimeAfter(Monday); next <= Monday.AddDays(70); next = quartz.GetNextValidTimeAfter(next!.Value))
        {
            theirs.Add(next!.Value);
        }

        Assert.NotEmpty(ours);
        Assert.Equal(theirs, ours);
    }

    [Fact]
    public void Unix_cron_restricting_both_days_fires_on_either_as_cron_does()
    {
        // "At 04:30 on the 1st and 15th, and on every Friday."
        var schedule = CronSchedule.FromUnixCron("30 4 1,15 * 5");

        var fires = schedule.GetOccurrences(Monday, Monday.AddDays(31));

        Assert.Equal(2, schedule.QuartzExpressions.Count);
        Assert.All(fires, f => Assert.True(f.Day is 1 or 15 || f.DayOfWeek == DayOfWeek.Friday));
        Assert.Contains(fires, f => f.Day == 15 && f.DayOfWeek != DayOfWeek.Friday);
        Assert.Equal(4, fires.Count(f => f.DayOfWeek == DayOfWeek.Friday));
    }

    [Fact]
    public void Previous_and_next_occurrence_bracket_a_time()
    {
        var schedule = CronSchedule.FromNCrontab("0 0 * * * *");
        var at = new DateTimeOffset(2026, 3, 2, 10, 20, 0, TimeSpan.Zero);

        Assert.Equal(at.AddMinutes(-20), schedule.GetPreviousOccurrence(at));
        Assert.Equal(at.AddMinutes(40), schedule.GetNextOccurrence(at));
    }

    [Theory]
    [InlineData("0 * * * *", "5 fields")]
    [InlineData("0 0 25 * * *", "hour")]
    [InlineData("0 0 12 * * FUNDAY", "day-of-week")]
    [InlineData("0 0 0 13 * 5", "both day-of-month")]
    [InlineData("0 0 9-5 * * *", "start is after its end")]
    [InlineData("0 */0 * * * *", "step")]
    public void Invalid_ncrontab_is_refused_with_the_reason(string expression, string reason)
    {
        var error = Assert.Throws<FormatException>(() => CronSchedule.FromNCrontab(expression));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Contains(expression, error.Message, StringComparison.Ordinal);
    }

    // Connector mode checks every schedule at start (a bad one fails the start naming the function)
    // but needs next-occurrence times only at the cron-connector's call: parsing must not load
    // Quartz (2-3 MiB mapped). The host's assembly and Quartz load in a context of their own, so
    // what another test of this process loaded does not hide the load.
    [Fact]
    public void Parsing_a_schedule_leaves_Quartz_unloaded_until_an_occurrence_is_asked_for()
    {
        var context = new IsolatedLoads(typeof(CronSchedule).Assembly.Location, typeof(CronExpression).Assembly.Location);
        var type = context.LoadFromAssemblyName(typeof(CronSchedule).Assembly.GetName()).GetType(typeof(CronSchedule).FullName!, throwOnError: true)!;

        var schedule = type.GetMethod(nameof(CronSchedule.FromNCrontab))!.Invoke(null, ["0 30 9 * * 1-5"])!;
        var unixSchedule = type.GetMethod(nameof(CronSchedule.FromUnixCron))!.Invoke(null, ["0 0 1 * 1"])!;
        var invalid = Assert.Throws<TargetInvocationException>(() => type.GetMethod(nameof(CronSchedule.FromNCrontab))!.Invoke(null, ["0 61 9 * * *"]));

        Assert.IsType<FormatException>(invalid.InnerException);
        Assert.NotNull(unixSchedule);
        Assert.DoesNotContain("Quartz", context.Assemblies.Select(a => a.GetName().Name));

        var next = (DateTimeOffset?)type.GetMethod(nameof(CronSchedule.GetNextOccurrence))!.Invoke(schedule, [Monday]);

        Assert.Equal(Monday.AddHours(9).AddMinutes(30), next);
        Assert.Contains("Quartz", context.Assemblies.Select(a => a.GetName().Name));
    }

    /// <summary>Loads the named files itself (the rest from the default context), so a load shows in <see cref="AssemblyLoadContext.Assemblies"/>.</summary>
    private sealed class IsolatedLoads(params string[] paths) : AssemblyLoadContext(isCollectible: true)
    {
        protected override Assembly? Load(AssemblyName assemblyName) =>
            paths.FirstOrDefault(p => Path.GetFileNameWithoutExtension(p) == assemblyName.Name) is { } path ? LoadFromAssemblyPath(path) : null;
    }
}
