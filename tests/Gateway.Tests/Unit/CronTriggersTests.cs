using ImageCacheFunctions.LocalGateway.Cron;
using ImageCacheFunctions.LocalGateway.Stack;
using Microsoft.Extensions.Time.Testing;

namespace ImageCacheFunctions.LocalGateway.Tests.Unit;

public sealed class CronTriggersTests
{
    // A Thursday.
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, string[]> Schedules => new()
    {
        { "* * * * *", ["2026-01-01T00:01:00Z", "2026-01-01T00:02:00Z", "2026-01-01T00:03:00Z"] },
        { "0 * * * *", ["2026-01-01T01:00:00Z", "2026-01-01T02:00:00Z", "2026-01-01T03:00:00Z"] },
        { "*/20 9 * * *", ["2026-01-01T09:00:00Z", "2026-01-01T09:20:00Z", "2026-01-01T09:40:00Z"] },
        // Day-of-week 0 and 7 are Sunday (Quartz numbers days from 1).
        { "30 4 * * 0", ["2026-01-04T04:30:00Z", "2026-01-11T04:30:00Z", "2026-01-18T04:30:00Z"] },
        { "30 4 * * 7", ["2026-01-04T04:30:00Z", "2026-01-11T04:30:00Z", "2026-01-18T04:30:00Z"] },
        { "0 0 * * MON-FRI", ["2026-01-02T00:00:00Z", "2026-01-05T00:00:00Z", "2026-01-06T00:00:00Z"] },
        // Both day fields restricted: cron fires when either matches (the 10th, or a Monday).
        { "0 0 10 * 1", ["2026-01-05T00:00:00Z", "2026-01-10T00:00:00Z", "2026-01-12T00:00:00Z"] },
        { "@hourly", ["2026-01-01T01:00:00Z", "2026-01-01T02:00:00Z", "2026-01-01T03:00:00Z"] },
    };

    [Theory]
    [MemberData(nameof(Schedules))]
    public void Fires_at_the_times_the_cron_connector_would(string schedule, string[] expected)
    {
        var trigger = CronTriggers.For("fn", schedule, new FakeTimeProvider(Start));

        var fired = new List<DateTimeOffset>();
        var after = Start;
        for (var i = 0; i < expected.Length; i++)
        {
            after = trigger.GetFireTimeAfter(after)!.Value;
            fired.Add(after);
        }

        Assert.Equal(expected.Select(DateTimeOffset.Parse), fired);
    }

    [Theory]
    [InlineData("* * * *")]
    [InlineData("61 * * * *")]
    [InlineData("0 0 * * 8")]
    [InlineData("every minute")]
    public void Rejects_a_schedule_that_is_not_5_field_cron_naming_the_function(string schedule)
    {
        var error = Assert.Throws<FormatException>(() => CronTriggers.For("prune-expired", schedule));

        Assert.Contains("prune-expired", error.Message, StringComparison.Ordinal);
        Assert.Contains(schedule, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_fails_at_start_up_for_a_bad_schedule_in_the_stack()
    {
        var functions = new[]
        {
            new StackFunction("ok", "l", "/h", "i", new Dictionary<string, string>(), [], new Dictionary<string, string>(),
                new Dictionary<string, string> { ["topic"] = "cron-function", ["schedule"] = "0 * * * *" }),
            new StackFunction("broken", "l", "/h", "i", new Dictionary<string, string>(), [], new Dictionary<string, string>(),
                new Dictionary<string, string> { ["topic"] = "cron-function", ["schedule"] = "0 * * *" }),
        };

        var error = Assert.Throws<FormatException>(() => CronConnector.Validate(functions));

        Assert.Contains("broken", error.Message, StringComparison.Ordinal);
    }
}
