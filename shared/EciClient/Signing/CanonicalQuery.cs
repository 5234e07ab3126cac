using System.Text;

namespace ImageCacheFunctions.Eci.Signing;

/// <summary>The canonical query string both signature methods share: sorted by name, encoded, joined.</summary>
public static class CanonicalQuery
{
    /// <summary>
    /// Sorts the parameters by name (ordinal, then by value), percent-encodes names and values
    /// and joins them as <c>name=value</c> pairs separated by <c>&amp;</c>.
    /// </summary>
    /// <param name="parameters">The parameters; a parameter without value is written as <c>name=</c>.</param>
    /// <returns>The canonical query string (empty when there are no parameters).</returns>
    public static string Build(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var sorted = parameters
            .Select(p => (Name: AcsPercentEncoder.Encode(p.Key), Value: AcsPercentEncoder.Encode(p.Value ?? string.Empty)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal);
        var builder = new StringBuilder();
        foreach (var (name, value) in sorted)
        {
            if (builder.Length > 0)
            {
                builder.Append('&');
            }

            builder.Append(name).Append('=').Append(value);
        }

        return builder.ToString();
    }
}
