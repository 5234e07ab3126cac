using System.Globalization;
using System.Text.RegularExpressions;

namespace ImageCacheFunctions.LocalGateway.Proxy;

/// <summary>Go duration strings as of-watchdog reads them from exec_timeout etc. ("120s", "1m30s", "500ms").</summary>
internal static partial class GoDuration
{
    [GeneratedRegex(@"^(?:(?<value>\d+(?:\.\d+)?)(?<unit>h|m|s|ms|us|µs|ns))+$", RegexOptions.CultureInvariant)]
    private static partial Regex Duration();

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            // of-watchdog also accepts a bare number of seconds.
            duration = TimeSpan.FromSeconds(seconds);
            return seconds >= 0;
        }

        var match = Duration().Match(text);
        if (!match.Success)
        {
            return false;
        }

        var values = match.Groups["value"].Captures;
        var units = match.Groups["unit"].Captures;
        for (var i = 0; i < values.Count; i++)
        {
            var value = double.Parse(values[i].Value, CultureInfo.InvariantCulture);
            duration += units[i].Value switch
            {
                "h" => TimeSpan.FromHours(value),
                "m" => TimeSpan.FromMinutes(value),
                "s" => TimeSpan.FromSeconds(value),
                "ms" => TimeSpan.FromMilliseconds(value),
                _ => TimeSpan.FromMicroseconds(units[i].Value == "ns" ? value / 1000 : value),
            };
        }

        return true;
    }
}
