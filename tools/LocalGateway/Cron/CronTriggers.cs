using Quartz;

namespace ImageCacheFunctions.LocalGateway.Cron;

/// <summary>
/// The Quartz trigger for a stack.yml schedule. Quartz reads the cron-connector's 5-field
/// Unix dialect itself (CronFormat.Unix: day-of-week 0-7 from Sunday, day-of-month and
/// day-of-week OR-ed when both are restricted, @hourly and friends), so no conversion lives
/// here. UTC, like the connector in its container; a missed firing is dropped, not caught up.
/// </summary>
internal static class CronTriggers
{
    public static CronExpression Parse(string function, string schedule)
    {
        if (!CronExpression.TryParse(schedule, CronFormat.Unix, out var expression) || expression is null)
        {
            throw new FormatException($"function {function}: schedule \"{schedule}\" is not a 5-field cron expression");
        }

        return expression.WithTimeZone(TimeZoneInfo.Utc);
    }

    public static ITrigger For(string function, string schedule, TimeProvider? time = null) =>
        TriggerBuilder.Create(time ?? TimeProvider.System)
            .WithIdentity(function)
            .WithSchedule(CronScheduleBuilder.Create(Parse(function, schedule))
                .WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing))
            .Build();
}
