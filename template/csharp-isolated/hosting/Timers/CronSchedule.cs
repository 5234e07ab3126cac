using System.Runtime.CompilerServices;
using Quartz;

namespace OpenFaaS.Functions.Worker.Timers;

/// <summary>
/// A cron schedule evaluated in UTC. It is parsed from NCRONTAB (the six-field syntax of
/// <c>[TimerTrigger]</c>) or from five-field Unix cron (the OpenFaaS cron-connector's
/// <c>schedule</c> annotation) and held as the Quartz.NET expressions that fire at the same times.
/// Parsing is our own; Quartz's expressions are built at the first occurrence asked for, so a
/// host that only checks its schedules at start (connector mode) does not load Quartz then.
/// </summary>
public sealed class CronSchedule
{
    private CronExpression[]? _expressions;

    private CronSchedule(string source, IReadOnlyList<string> quartzExpressions)
    {
        Source = source;
        QuartzExpressions = quartzExpressions;
    }

    /// <summary>The expression as written.</summary>
    public string Source { get; }

    /// <summary>
    /// Quartz cron expressions (sec min hour day-of-month month day-of-week) whose union is this
    /// schedule; more than one only for a Unix expression that restricts both day fields.
    /// </summary>
    public IReadOnlyList<string> QuartzExpressions { get; }

    /// <summary>
    /// Parses NCRONTAB: <c>{second} {minute} {hour} {day} {month} {day-of-week}</c>, day-of-week
    /// 0-6 from Sunday (7 is Sunday too) or SUN..SAT. NCRONTAB requires both day fields to match
    /// when both are restricted; Quartz cannot say that, so such an expression is rejected.
    /// </summary>
    /// <exception cref="FormatException">The expression is not valid NCRONTAB.</exception>
    public static CronSchedule FromNCrontab(string expression)
    {
        var fields = Split(expression, 6, "NCRONTAB ({second} {minute} {hour} {day} {month} {day-of-week})");
        var parsed = ParseFields(fields[0], fields[1..], expression);
        return new CronSchedule(expression, [parsed.ToQuartz(DayMatching.Both)]);
    }

    /// <summary>
    /// Parses five-field Unix cron (<c>{minute} {hour} {day} {month} {day-of-week}</c>) or one
    /// of the macros @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly. When
    /// both day fields are restricted and neither starts with '*', a day matching either one
    /// fires (Vixie cron's rule).
    /// </summary>
    /// <exception cref="FormatException">The expression is not valid Unix cron.</exception>
    public static CronSchedule FromUnixCron(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var text = expression.Trim() switch
        {
            "@yearly" or "@annually" => "0 0 1 1 *",
            "@monthly" => "0 0 1 * *",
            "@weekly" => "0 0 * * 0",
            "@daily" or "@midnight" => "0 0 * * *",
            "@hourly" => "0 * * * *",
            var other => other,
        };
        var fields = Split(text, 5, "Unix cron ({minute} {hour} {day} {month} {day-of-week})");
        var parsed = ParseFields("0", fields, expression);
        var dayOfMonth = parsed.DayOfMonth;
        var dayOfWeek = parsed.DayOfWeek;
        if (!dayOfMonth.StartsWithStar && !dayOfWeek.StartsWithStar)
        {
            return new CronSchedule(expression, [parsed.ToQuartz(DayMatching.DayOfMonthOnly), parsed.ToQuartz(DayMatching.DayOfWeekOnly)]);
        }

        return new CronSchedule(expression, [parsed.ToQuartz(DayMatching.Both)]);
    }

    /// <summary>The first time after <paramref name="after"/> (exclusive) at which the schedule fires.</summary>
    public DateTimeOffset? GetNextOccurrence(DateTimeOffset after)
    {
        DateTimeOffset? next = null;
        foreach (var expression in _expressions ??= CompileExpressions(QuartzExpressions))
        {
            var candidate = expression.GetNextValidTimeAfter(after);
            if (candidate is not null && (next is null || candidate < next))
            {
                next = candidate;
            }
        }

        return next?.ToUniversalTime();
    }

    /// <summary>The last time at or before <paramref name="atOrBefore"/> at which the schedule fired.</summary>
    public DateTimeOffset? GetPreviousOccurrence(DateTimeOffset atOrBefore)
    {
        // Quartz only searches forward: step back over growing windows and search forward in them.
        var window = TimeSpan.FromMinutes(2);
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var from = atOrBefore - window;
            DateTimeOffset? last = null;
            for (var next = GetNextOccurrence(from); next is not null && next <= atOrBefore; next = GetNextOccurrence(next.Value))
            {
                last = next;
            }

            if (last is not null)
            {
                return last;
            }

            window *= 4;
        }

        return null;
    }

    /// <summary>Every firing time in (<paramref name="fromExclusive"/>, <paramref name="toInclusive"/>], in UTC, ascending.</summary>
    public IReadOnlyList<DateTimeOffset> GetOccurrences(DateTimeOffset fromExclusive, DateTimeOffset toInclusive)
    {
        var occurrences = new List<DateTimeOffset>();
        for (var next = GetNextOccurrence(fromExclusive); next is not null && next <= toInclusive; next = GetNextOccurrence(next.Value))
        {
            occurrences.Add(next.Value);
        }

        return occurrences;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Source} (Quartz: {string.Join(" | ", QuartzExpressions)})";

    // Not inlined: the method that names Quartz's type is the one whose compilation loads Quartz.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static CronExpression[] CompileExpressions(IReadOnlyList<string> expressions) =>
        expressions.Select(e => new CronExpression(e, TimeZoneInfo.Utc)).ToArray();

    private static string[] Split(string expression, int count, string syntax)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (fields.Length != count)
        {
            throw new FormatException($"'{expression}' has {fields.Length} fields; {syntax} has {count}.");
        }

        return fields;
    }

    private static ParsedFields ParseFields(string second, string[] rest, string expression)
    {
        try
        {
            return new ParsedFields(
                CronField.Parse(second, CronFieldKind.Second),
                CronField.Parse(rest[0], CronFieldKind.Minute),
                CronField.Parse(rest[1], CronFieldKind.Hour),
                CronField.Parse(rest[2], CronFieldKind.DayOfMonth),
                CronField.Parse(rest[3], CronFieldKind.Month),
                CronField.Parse(rest[4], CronFieldKind.DayOfWeek),
                expression);
        }
        catch (FormatException e)
        {
            throw new FormatException($"Invalid cron expression '{expression}': {e.Message}", e);
        }
    }

    private enum DayMatching
    {
        Both,
        DayOfMonthOnly,
        DayOfWeekOnly,
    }

    private sealed record ParsedFields(
        CronField Second,
        CronField Minute,
        CronField Hour,
        CronField DayOfMonth,
        CronField Month,
        CronField DayOfWeek,
        string Expression)
    {
        public string ToQuartz(DayMatching matching)
        {
            string dayOfMonth;
            string dayOfWeek;
            var domFull = DayOfMonth.IsFull(CronFieldKind.DayOfMonth);
            var dowFull = DayOfWeek.IsFull(CronFieldKind.DayOfWeek);
            switch (matching)
            {
                case DayMatching.DayOfMonthOnly:
                    (dayOfMonth, dayOfWeek) = (DayOfMonth.ToQuartz(CronFieldKind.DayOfMonth), "?");
                    break;
                case DayMatching.DayOfWeekOnly:
                    (dayOfMonth, dayOfWeek) = ("?", QuartzDayOfWeek());
                    break;
                case DayMatching.Both when dowFull:
                    (dayOfMonth, dayOfWeek) = (DayOfMonth.ToQuartz(CronFieldKind.DayOfMonth), "?");
                    break;
                case DayMatching.Both when domFull:
                    (dayOfMonth, dayOfWeek) = ("?", QuartzDayOfWeek());
                    break;
                default:
                    throw new FormatException(
                        $"Invalid cron expression '{Expression}': it restricts both day-of-month ('{DayOfMonth.Text}') and day-of-week ('{DayOfWeek.Text}') so that both must match, which Quartz cannot express; restrict one of them only.");
            }

            return string.Join(' ',
                Second.ToQuartz(CronFieldKind.Second),
                Minute.ToQuartz(CronFieldKind.Minute),
                Hour.ToQuartz(CronFieldKind.Hour),
                dayOfMonth,
                Month.ToQuartz(CronFieldKind.Month),
                dayOfWeek);
        }

        // Cron counts days of the week 0-6 from Sunday, Quartz 1-7 from Sunday.
        private string QuartzDayOfWeek() =>
            DayOfWeek.IsFull(CronFieldKind.DayOfWeek) ? "*" : DayOfWeek.ToQuartz(CronFieldKind.DayOfWeek, day => day + 1);
    }
}
