using System.Text.RegularExpressions;
using ImageCacheFunctions.LocalGateway.Cron;
using ImageCacheFunctions.LocalGateway.Stack;
using ImageCacheFunctions.LocalGateway.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using OpenFaaS.Functions.Worker.Timers;

namespace ImageCacheFunctions.LocalGateway.Tests.BuildContext;

/// <summary>
/// Under OpenFaaS a timer function runs when the cron-connector fires stack.yml's schedule;
/// on Azure Functions (and standalone) when its [TimerTrigger] says. Both must name the same
/// times, and the local gateway must fire them too. The attribute is read from the built
/// assembly, as the host reads it.
/// </summary>
[Collection(SlowProcesses.Name)]
public sealed partial class ScheduleAgreementTests(StackBuild build)
{
    private static readonly DateTimeOffset From = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = From.AddDays(8);

    public static TheoryData<string> StackFunctions => new(StackLoader.Load(Repository.StackFile).Functions.Select(f => f.Name));

    [GeneratedRegex("^%(?<setting>[^%]+)%$")]
    private static partial Regex AppSetting();

    [Theory]
    [MemberData(nameof(StackFunctions))]
    public async Task The_stack_schedule_and_the_timer_triggers_fire_at_the_same_times(string name)
    {
        var function = build.Stack.Find(name)!;
        var artifact = await build.GetAsync(name);
        var timers = FunctionMetadata.Read(artifact.AssemblyPath).Where(f => f.TimerSchedule is not null).ToList();

        if (function.Schedule is not { } schedule)
        {
            Assert.True(timers.Count == 0, $"{name} has [TimerTrigger] {string.Join(", ", timers.Select(t => t.Method))} but no cron-connector annotations in stack.yml: it would never fire under OpenFaaS");
            return;
        }

        Assert.True(timers.Count > 0, $"{name} is scheduled in stack.yml (\"{schedule}\") but has no [TimerTrigger]");
        var stackTimes = CronSchedule.FromUnixCron(schedule).GetOccurrences(From, To);
        Assert.NotEmpty(stackTimes);
        foreach (var timer in timers)
        {
            var expression = Resolve(timer.TimerSchedule!, function);
            var attributeTimes = CronSchedule.FromNCrontab(expression).GetOccurrences(From, To);
            Assert.True(
                stackTimes.SequenceEqual(attributeTimes),
                $"{timer.Method}: [TimerTrigger(\"{timer.TimerSchedule}\")] fires {attributeTimes.Count} times in 8 days, first {First(attributeTimes)}; stack.yml \"{schedule}\" fires {stackTimes.Count}, first {First(stackTimes)}");
        }

        Assert.Equal(stackTimes, GatewayFireTimes(name, schedule));
    }

    // What the local gateway's Quartz trigger fires in the same window.
    private static List<DateTimeOffset> GatewayFireTimes(string name, string schedule)
    {
        var trigger = CronTriggers.For(name, schedule, new FakeTimeProvider(From));
        var times = new List<DateTimeOffset>();
        for (var next = trigger.GetFireTimeAfter(From); next is { } time && time <= To; next = trigger.GetFireTimeAfter(time))
        {
            times.Add(time);
        }

        return times;
    }

    // [TimerTrigger("%Setting%")] takes the schedule from configuration: the function's environment.
    private static string Resolve(string schedule, StackFunction function)
    {
        var setting = AppSetting().Match(schedule);
        if (!setting.Success)
        {
            return schedule;
        }

        var key = setting.Groups["setting"].Value;
        Assert.True(
            function.Environment.TryGetValue(key, out var value) || function.Environment.TryGetValue(key.Replace(":", "__", StringComparison.Ordinal), out value),
            $"{function.Name}: [TimerTrigger(\"{schedule}\")] names a setting that stack.yml's environment does not set");
        return value!;
    }

    private static string First(IReadOnlyList<DateTimeOffset> times) => times.Count > 0 ? times[0].ToString("u", System.Globalization.CultureInfo.InvariantCulture) : "never";
}
