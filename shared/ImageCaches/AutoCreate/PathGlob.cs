using System.Text;
using System.Text.RegularExpressions;

namespace ImageCacheFunctions.ImageCaches.AutoCreate;

/// <summary>
/// A glob over repository paths, tags or hosts: <c>*</c> is any run of characters without
/// <c>/</c>, <c>**</c> any run including <c>/</c>, <c>?</c> one character other than <c>/</c>;
/// everything else matches itself (case-sensitively; repositories are lower case). So
/// <c>team/*</c> matches <c>team/app</c> but not <c>team/app/web</c>, which <c>team/**</c> matches.
/// </summary>
public sealed class PathGlob
{
    /// <summary>Longest pattern accepted.</summary>
    public const int MaxLength = 256;

    private readonly Regex _regex;

    private PathGlob(string pattern, Regex regex)
    {
        Pattern = pattern;
        _regex = regex;
    }

    /// <summary>The pattern as written.</summary>
    public string Pattern { get; }

    /// <summary>A glob matching everything (<c>**</c>).</summary>
    public static PathGlob Any { get; } = Parse("**");

    public static PathGlob Parse(string pattern) =>
        TryParse(pattern, out var glob, out var error) ? glob! : throw new FormatException(error);

    public static bool TryParse(string? pattern, out PathGlob? glob, out string? error)
    {
        glob = null;
        if (string.IsNullOrWhiteSpace(pattern))
        {
            error = "the pattern is empty";
            return false;
        }

        if (pattern.Length > MaxLength)
        {
            error = $"the pattern is longer than {MaxLength} characters";
            return false;
        }

        if (pattern.Any(char.IsControl) || pattern.Any(char.IsWhiteSpace))
        {
            error = $"the pattern '{pattern}' contains white space or control characters";
            return false;
        }

        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*')
            {
                if (i + 1 < pattern.Length && pattern[i + 1] == '*')
                {
                    regex.Append(".*");
                    i++;
                }
                else
                {
                    regex.Append("[^/]*");
                }
            }
            else if (c == '?')
            {
                regex.Append("[^/]");
            }
            else
            {
                regex.Append(Regex.Escape(c.ToString()));
            }
        }

        regex.Append('$');
        // Linear-time matching whatever the pattern (configuration) and the input (a push).
        glob = new PathGlob(pattern, new Regex(regex.ToString(), RegexOptions.CultureInvariant | RegexOptions.NonBacktracking | RegexOptions.Singleline));
        error = null;
        return true;
    }

    public bool IsMatch(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return _regex.IsMatch(value);
    }

    public override string ToString() => Pattern;
}
