using System.Globalization;

namespace OpenFaaS.Functions.Worker.Timers;

/// <summary>
/// The schedule of a <c>[TimerTrigger]</c>: an NCRONTAB expression, or a TimeSpan such as
/// "00:05:00" for a constant interval (as in Azure Functions).
/// </summary>
internal sealed class TimerSchedule
{
    private TimerSchedule(string expression, CronSchedule? cron, TimeSpan? interval)
    {
        Expression = expression;
        Cron = cron;
        Interval = interval;
    }

    public string Expression { get; }

    public CronSchedule? Cron { get; }

    public TimeSpan? Interval { get; }

    /// <exception cref="FormatException">Neither NCRONTAB nor a positive TimeSpan.</exception>
    public static TimerSchedule Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        if (expression.Contains(':', StringComparison.Ordinal)
            && TimeSpan.TryParse(expression, CultureInfo.InvariantCulture, out var interval))
        {
            return interval > TimeSpan.Zero
                ? new TimerSchedule(expression, null, interval)
                : throw new FormatException($"The interval '{expression}' is not positive.");
        }

        return new TimerSchedule(expression, CronSchedule.FromNCrontab(expression), null);
    }

    public DateTimeOffset? Next(DateTimeOffset after) => Cron is not null ? Cron.GetNextOccurrence(after) : after + Interval!.Value;

    public DateTimeOffset? Previous(DateTimeOffset atOrBefore) => Cron is not null ? Cron.GetPreviousOccurrence(atOrBefore) : atOrBefore - Interval!.Value;

    /// <summary>The occurrence before <paramref name="occurrence"/>.</summary>
    public DateTimeOffset? Before(DateTimeOffset occurrence) => Cron is not null ? Cron.GetPreviousOccurrence(occurrence - TimeSpan.FromTicks(1)) : occurrence - Interval!.Value;

    public override string ToString() => Cron?.ToString() ?? $"every {Interval}";
}
