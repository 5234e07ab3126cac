using System.Globalization;
using System.Text.RegularExpressions;

namespace ImageCacheFunctions.ImageCaches.Registries;

/// <summary>
/// The time formats registries send. An unreadable time reads as null: the push time is
/// informational and never a reason to drop a push.
/// </summary>
internal static partial class Timestamps
{
    /// <summary>RFC 3339 / ISO 8601; more than 7 fractional digits (Go's nanoseconds) are cut.</summary>
    public static DateTimeOffset? ParseIso(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 64)
        {
            return null;
        }

        var trimmed = LongFraction().Replace(value, "$1");
        return DateTimeOffset.TryParse(
            trimmed,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces,
            out var parsed)
            ? parsed.ToUniversalTime()
            : null;
    }

    /// <summary>Unix seconds (Docker Hub <c>pushed_at</c>, Harbor <c>occur_at</c>).</summary>
    public static DateTimeOffset? FromUnixSeconds(long? seconds) =>
        seconds is >= 0 and <= 253402300799 ? DateTimeOffset.FromUnixTimeSeconds(seconds.Value) : null;

    /// <summary>
    /// <c>yyyy-MM-dd HH:mm:ss</c> without a zone (Alibaba ACR), read in the source's configured offset.
    /// </summary>
    public static DateTimeOffset? ParseLocal(string? value, TimeSpan offset)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 64)
        {
            return null;
        }

        if (DateTime.TryParseExact(value.Trim(), "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset).ToUniversalTime();
        }

        return ParseIso(value);
    }

    /// <summary>True when a time is a real one (GitHub sends 0001-01-01 for "unknown").</summary>
    public static bool IsPlausible(DateTimeOffset? time) => time is { Year: >= 2000 };

    [GeneratedRegex(@"(\.\d{7})\d+", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex LongFraction();
}
