using System.Globalization;

namespace ImageCacheFunctions.ImageCaches.Prune;

/// <summary>What an object's <see cref="PruneAnnotations.PruneUnused"/> annotation asks for.</summary>
public enum UnusedPreferenceKind
{
    /// <summary>No annotation: the global setting decides.</summary>
    Unset,

    /// <summary>Prune when unused (after <see cref="UnusedPreference.AfterDays"/>, or the configured days).</summary>
    OptedIn,

    /// <summary><c>"false"</c>: never pruned as unused.</summary>
    OptedOut,

    /// <summary>A value that is none of the above; treated as opted out and reported.</summary>
    Invalid,
}

/// <summary>The parsed unused-pruning annotation.</summary>
/// <param name="Kind">What it asks.</param>
/// <param name="AfterDays">Days without a match, when the annotation gives a number.</param>
public readonly record struct UnusedPreference(UnusedPreferenceKind Kind, int? AfterDays = null)
{
    /// <summary>No annotation.</summary>
    public static UnusedPreference Unset => default;

    /// <summary>Reads the annotation value (null when the annotation is absent).</summary>
    public static UnusedPreference Parse(string? value)
    {
        if (value is null)
        {
            return Unset;
        }

        var text = value.Trim();
        if (string.Equals(text, "true", StringComparison.OrdinalIgnoreCase))
        {
            return new UnusedPreference(UnusedPreferenceKind.OptedIn);
        }

        if (string.Equals(text, "false", StringComparison.OrdinalIgnoreCase))
        {
            return new UnusedPreference(UnusedPreferenceKind.OptedOut);
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days is >= 1 and <= 65536
            ? new UnusedPreference(UnusedPreferenceKind.OptedIn, days)
            : new UnusedPreference(UnusedPreferenceKind.Invalid);
    }
}
