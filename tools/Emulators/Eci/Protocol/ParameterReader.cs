using System.Globalization;

namespace ImageCacheFunctions.Emulators.Eci.Protocol;

/// <summary>Reads and validates RPC parameters, throwing <see cref="EmulatorErrorException"/> with ECI's codes.</summary>
internal sealed class ParameterReader(IReadOnlyDictionary<string, string> parameters)
{
    public IReadOnlyDictionary<string, string> All => parameters;

    public string? Optional(string name) =>
        parameters.TryGetValue(name, out var v) && !string.IsNullOrEmpty(v) ? v : null;

    public string Required(string name) =>
        Optional(name) ?? throw new EmulatorErrorException(EmulatorError.Missing(name));

    public int? Int(string name, int min, int max)
    {
        string? text = Optional(name);
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
        {
            throw new EmulatorErrorException(EmulatorError.Invalid(name, $"'{text}' is not an integer."));
        }

        if (value < min || value > max)
        {
            throw new EmulatorErrorException(EmulatorError.Invalid(name, $"must be between {min} and {max}, got {value}."));
        }

        return value;
    }

    public bool? Bool(string name)
    {
        string? text = Optional(name);
        return text switch
        {
            null => null,
            "true" or "True" => true,
            "false" or "False" => false,
            _ => throw new EmulatorErrorException(EmulatorError.Invalid(name, $"'{text}' is not true or false.")),
        };
    }

    /// <summary>Reads <c>prefix.1</c>, <c>prefix.2</c>, … until the first gap.</summary>
    public List<string> List(string prefix)
    {
        var values = new List<string>();
        for (int i = 1; parameters.TryGetValue(Key(prefix, i), out var value); i++)
        {
            values.Add(value);
        }

        return values;
    }

    /// <summary>Reads <c>prefix.N.field</c> objects until no field of index N is present.</summary>
    public List<Dictionary<string, string>> Objects(string prefix, params string[] fields)
    {
        var items = new List<Dictionary<string, string>>();
        for (int i = 1; ; i++)
        {
            var item = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string field in fields)
            {
                if (parameters.TryGetValue(Key(prefix, i) + "." + field, out var value))
                {
                    item[field] = value;
                }
            }

            if (item.Count == 0)
            {
                return items;
            }

            items.Add(item);
        }
    }

    private static string Key(string prefix, int index) => string.Create(CultureInfo.InvariantCulture, $"{prefix}.{index}");
}
