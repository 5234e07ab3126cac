using System.Text.RegularExpressions;

namespace ImageCacheFunctions.LocalGateway.Stack;

/// <summary>
/// faas-cli expands environment variables in stack.yml before parsing it: ${VAR},
/// ${VAR:-default} (default when unset or empty) and ${VAR-default} (default when unset).
/// </summary>
internal static partial class VariableSubstitution
{
    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?<op>:?-)(?<default>[^}]*))?\}", RegexOptions.CultureInvariant)]
    private static partial Regex Reference();

    public static string Expand(string text, Func<string, string?> lookup)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(lookup);
        return Reference().Replace(text, match =>
        {
            var value = lookup(match.Groups["name"].Value);
            var op = match.Groups["op"];
            if (!op.Success)
            {
                return value ?? string.Empty;
            }

            var useDefault = op.Value == ":-" ? string.IsNullOrEmpty(value) : value is null;
            return useDefault ? match.Groups["default"].Value : value!;
        });
    }
}
