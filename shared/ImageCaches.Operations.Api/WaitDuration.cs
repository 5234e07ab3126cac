using System.Globalization;
using System.Text.RegularExpressions;

namespace ImageCacheFunctions.ImageCaches.Operations.Api;

/// <summary>
/// A duration as CI scripts write it: whole seconds (<c>90</c>), Go/kubectl style
/// (<c>90s</c>, <c>5m</c>, <c>1m30s</c>, <c>500ms</c>) or a .NET TimeSpan (<c>00:01:30</c>).
/// </summary>
public static partial class WaitDuration
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 32)
        {
            return false;
        }

        text = text.Trim();
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            if (seconds > 86_400)
            {
                return false;
            }

            duration = TimeSpan.FromSeconds(seconds);
            return true;
        }

        var match = GoDuration().Match(text);
        if (match.Success)
        {
            var total = TimeSpan.Zero;
            foreach (Capture part in match.Groups["part"].Captures)
            {
                var unit = UnitOf(part.Value, out var number);
                if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value > 86_400)
                {
                    return false;
                }

                total += unit * value;
            }

            duration = total;
            return true;
        }

        return text.Contains(':', StringComparison.Ordinal)
            && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration)
            && duration >= TimeSpan.Zero;
    }

    /// <summary>How a duration is shown in messages: <c>5m</c>, <c>90s</c>, <c>1m30s</c>.</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration < TimeSpan.FromSeconds(1))
        {
            return $"{(long)duration.TotalMilliseconds}ms";
        }

        var minutes = (long)duration.TotalMinutes;
        var seconds = duration.Seconds;
        return minutes == 0 ? $"{seconds}s" : seconds == 0 ? $"{minutes}m" : $"{minutes}m{seconds}s";
    }

    private static TimeSpan UnitOf(string part, out string number)
    {
        foreach (var (suffix, unit) in new[] { ("ms", TimeSpan.FromMilliseconds(1)), ("h", TimeSpan.FromHours(1)), ("m", TimeSpan.FromMinutes(1)), ("s", TimeSpan.FromSeconds(1)) })
        {
            if (part.EndsWith(suffix, StringComparison.Ordinal))
            {
                number = part[..^suffix.Length];
                return unit;
            }
        }

        number = part;
        return TimeSpan.FromSeconds(1);
    }

    [GeneratedRegex(@"^(?<part>[0-9]+(?:\.[0-9]+)?(?:ms|h|m|s))+$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex GoDuration();
}
