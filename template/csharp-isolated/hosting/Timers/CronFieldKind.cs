namespace OpenFaaS.Functions.Worker.Timers;

/// <summary>The range and names of one position in a cron expression.</summary>
internal sealed record CronFieldKind(
    string Name,
    int Min,
    int Max,
    IReadOnlyDictionary<string, int>? Names = null,
    bool IsDayOfWeek = false,
    bool AllowsQuestionMark = false)
{
    /// <summary>The largest value accepted in text (day-of-week accepts 7 for Sunday).</summary>
    public int UpperBound => IsDayOfWeek ? 7 : Max;

    public static readonly CronFieldKind Second = new("second", 0, 59);
    public static readonly CronFieldKind Minute = new("minute", 0, 59);
    public static readonly CronFieldKind Hour = new("hour", 0, 23);
    public static readonly CronFieldKind DayOfMonth = new("day-of-month", 1, 31, AllowsQuestionMark: true);

    public static readonly CronFieldKind Month = new("month", 1, 12, new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
    {
        ["JAN"] = 1, ["FEB"] = 2, ["MAR"] = 3, ["APR"] = 4, ["MAY"] = 5, ["JUN"] = 6,
        ["JUL"] = 7, ["AUG"] = 8, ["SEP"] = 9, ["OCT"] = 10, ["NOV"] = 11, ["DEC"] = 12,
    });

    /// <summary>Cron's day-of-week: 0-6 from Sunday, 7 also Sunday.</summary>
    public static readonly CronFieldKind DayOfWeek = new("day-of-week", 0, 6, new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
    {
        ["SUN"] = 0, ["MON"] = 1, ["TUE"] = 2, ["WED"] = 3, ["THU"] = 4, ["FRI"] = 5, ["SAT"] = 6,
    }, IsDayOfWeek: true, AllowsQuestionMark: true);
}
