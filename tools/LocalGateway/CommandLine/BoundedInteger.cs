using System.CommandLine;
using System.Globalization;

namespace ImageCacheFunctions.LocalGateway.CommandLine;

/// <summary>An integer option with bounds; a value that is not a number or out of range is a clear parse error.</summary>
internal static class BoundedInteger
{
    public static Option<int> Create(string name, string description, int defaultValue, int min, int max, params string[] aliases) => new(name, aliases)
    {
        Description = $"{description} ({min}-{max})",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            {
                return value;
            }

            result.AddError($"{name} must be a whole number from {min} to {max}, got '{text}'");
            return defaultValue;
        },
    };
}
