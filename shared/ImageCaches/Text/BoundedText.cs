using System.Text;

namespace ImageCacheFunctions.ImageCaches.Text;

/// <summary>
/// Text that came from a caller, cut to a bounded size before it is logged or quoted in an
/// answer, so that a 1 MB name costs a log line, not a megabyte. The one place that says how
/// long a logged value may be.
/// </summary>
public static class BoundedText
{
    /// <summary>Longest value written into a log line (names, ids, messages from elsewhere).</summary>
    public const int MaxLogValueLength = 256;

    /// <summary>Longest caller value quoted in an error message or a StatusCause.</summary>
    public const int MaxQuotedLength = 80;

    private const string Ellipsis = "...";

    /// <summary>
    /// <paramref name="value"/> cut to at most <paramref name="maxLength"/> characters (ending in
    /// "..." when cut); control characters become spaces, so one value is one line.
    /// </summary>
    public static string Shorten(string? value, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, Ellipsis.Length + 1);
        if (value is null)
        {
            return string.Empty;
        }

        var fits = value.Length <= maxLength;
        var kept = fits ? value : value[..(maxLength - Ellipsis.Length)];
        var builder = new StringBuilder(kept.Length + Ellipsis.Length);
        foreach (var c in kept)
        {
            builder.Append(char.IsControl(c) ? ' ' : c);
        }

        if (!fits)
        {
            builder.Append(Ellipsis);
        }

        return builder.ToString();
    }

    /// <summary>A caller's value as a log line may hold it: at most <see cref="MaxLogValueLength"/> characters, one line.</summary>
    public static string ForLog(string? value) => Shorten(value, MaxLogValueLength);

    /// <summary>A caller's value as an answer quotes it: at most <see cref="MaxQuotedLength"/> characters, one line.</summary>
    public static string Quote(string? value) => Shorten(value, MaxQuotedLength);
}
