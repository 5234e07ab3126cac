using System.Globalization;

namespace OpenFaaS.Functions.Worker.Timers;

/// <summary>One parsed field of a cron expression: the set of values it allows.</summary>
internal sealed record CronField(string Text, SortedSet<int> Values, bool StartsWithStar)
{
    /// <summary>True when the field allows every value of its range.</summary>
    public bool IsFull(CronFieldKind kind) => Values.Count == kind.Max - kind.Min + 1;

    public static CronField Parse(string text, CronFieldKind kind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var values = new SortedSet<int>();
        foreach (var element in text.Split(','))
        {
            AddElement(element, kind, values);
        }

        if (values.Count == 0)
        {
            throw Invalid(kind, text, "no value in range");
        }

        if (kind.IsDayOfWeek && values.Remove(7))
        {
            // 7 is an alias of Sunday (0) in cron's day-of-week field.
            values.Add(0);
        }

        return new CronField(text, values, text.StartsWith('*') || text.StartsWith('?'));
    }

    /// <summary>Renders the field as Quartz syntax, mapping each value through <paramref name="map"/>.</summary>
    public string ToQuartz(CronFieldKind kind, Func<int, int>? map = null)
    {
        if (!kind.IsDayOfWeek && IsFull(kind))
        {
            return "*";
        }

        var mapped = new SortedSet<int>(map is null ? Values : Values.Select(map));
        var parts = new List<string>();
        int? start = null;
        int previous = 0;
        foreach (var value in mapped)
        {
            if (start is null)
            {
                start = value;
            }
            else if (value != previous + 1)
            {
                parts.Add(Range(start.Value, previous));
                start = value;
            }

            previous = value;
        }

        if (start is not null)
        {
            parts.Add(Range(start.Value, previous));
        }

        return string.Join(',', parts);

        static string Range(int from, int to) => from == to
            ? from.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{from}-{to}");
    }

    private static void AddElement(string element, CronFieldKind kind, SortedSet<int> values)
    {
        if (element.Length == 0)
        {
            throw Invalid(kind, element, "an empty list element");
        }

        var rangeText = element;
        var step = 1;
        var slash = element.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            rangeText = element[..slash];
            if (!int.TryParse(element[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out step) || step <= 0)
            {
                throw Invalid(kind, element, "a step that is not a positive number");
            }
        }

        int from;
        int to;
        if (rangeText is "*" or "?")
        {
            if (rangeText == "?" && !kind.AllowsQuestionMark)
            {
                throw Invalid(kind, element, "'?', which only day-of-month and day-of-week accept");
            }

            from = kind.Min;
            to = kind.Max;
        }
        else
        {
            var dash = rangeText.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0)
            {
                from = ParseValue(rangeText[..dash], kind, element);
                to = ParseValue(rangeText[(dash + 1)..], kind, element);
                if (from > to)
                {
                    throw Invalid(kind, element, "a range whose start is after its end");
                }
            }
            else
            {
                from = ParseValue(rangeText, kind, element);
                // "5/15" means "from 5 to the end of the range, every 15".
                to = slash >= 0 ? kind.Max : from;
            }
        }

        for (var value = from; value <= to; value += step)
        {
            values.Add(value);
        }
    }

    private static int ParseValue(string text, CronFieldKind kind, string element)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            if (number < kind.Min || number > kind.UpperBound)
            {
                throw Invalid(kind, element, string.Create(CultureInfo.InvariantCulture, $"{number}, outside {kind.Min}-{kind.UpperBound}"));
            }

            return number;
        }

        if (kind.Names is not null && kind.Names.TryGetValue(text, out var named))
        {
            return named;
        }

        throw Invalid(kind, element, $"'{text}', which is not a number{(kind.Names is null ? string.Empty : " or a name")}");
    }

    private static FormatException Invalid(CronFieldKind kind, string element, string what) =>
        new($"The {kind.Name} field element '{element}' has {what}.");
}
