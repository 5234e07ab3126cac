using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImageCacheFunctions.Emulators.Kubernetes.Json;

namespace ImageCacheFunctions.Emulators.Kubernetes.Resources;

/// <summary>
/// The JSONPath subset CRD printer columns use: <c>.a.b</c>, <c>['a']</c>, <c>[0]</c>, <c>[*]</c>
/// and <c>[?(@.type=="Ready")]</c>.
/// </summary>
internal sealed class PrinterColumnPath
{
    private readonly List<Func<JsonNode?, IEnumerable<JsonNode?>>> _steps = [];

    public PrinterColumnPath(string expression)
    {
        var text = expression.Trim();
        if (text.StartsWith('{') && text.EndsWith('}'))
        {
            text = text[1..^1];
        }
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '.')
            {
                i++;
                var start = i;
                while (i < text.Length && text[i] != '.' && text[i] != '[')
                {
                    i++;
                }
                var name = text[start..i];
                if (name.Length > 0)
                {
                    _steps.Add(node => node is JsonObject obj && obj.TryGetPropertyValue(name, out var child) ? [child] : []);
                }
            }
            else if (text[i] == '[')
            {
                var end = text.IndexOf(']', i);
                if (end < 0)
                {
                    throw new FormatException($"unclosed [ in {expression}");
                }
                // A filter may contain ']' only inside quotes, which printer columns do not use.
                var inner = text[(i + 1)..end];
                _steps.Add(Bracket(inner));
                i = end + 1;
            }
            else
            {
                throw new FormatException($"unexpected '{text[i]}' in {expression}");
            }
        }
    }

    public IReadOnlyList<JsonNode?> Evaluate(JsonObject root)
    {
        IEnumerable<JsonNode?> current = [root];
        foreach (var step in _steps)
        {
            current = current.SelectMany(step).ToList();
        }
        return current.ToList();
    }

    /// <summary>The cell of a printer column of the given type, as the CRD table convertor fills it.</summary>
    public JsonNode? Cell(JsonObject obj, string type, DateTimeOffset now)
    {
        var results = Evaluate(obj).Where(r => r is not null).ToList();
        if (results.Count == 0)
        {
            return null;
        }
        if (type == "string")
        {
            return string.Join(" ", results.Select(Print));
        }
        var value = results[0];
        return type switch
        {
            "integer" when value is JsonValue v && v.GetValueKind() == JsonValueKind.Number => v.DeepClone(),
            "number" when value is JsonValue v && v.GetValueKind() == JsonValueKind.Number => v.DeepClone(),
            "boolean" when value is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.DeepClone(),
            "date" when value is JsonValue v && v.GetValueKind() == JsonValueKind.String => Api.HumanDuration.Since(v.GetValue<string>(), now),
            _ => null,
        };
    }

    private static string Print(JsonNode? node) => node switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v => v.ToJsonString(),
        null => "",
        _ => JsonText.ToText(node),
    };

    private static Func<JsonNode?, IEnumerable<JsonNode?>> Bracket(string inner)
    {
        inner = inner.Trim();
        if (inner == "*")
        {
            return node => node switch
            {
                JsonArray array => array,
                JsonObject obj => obj.Select(p => p.Value),
                _ => [],
            };
        }
        if (inner.StartsWith("?(", StringComparison.Ordinal) && inner.EndsWith(')'))
        {
            var condition = inner[2..^1].Trim();
            var op = condition.Contains("!=", StringComparison.Ordinal) ? "!=" : "==";
            var parts = condition.Split(op, 2);
            var field = parts[0].Trim();
            if (!field.StartsWith("@.", StringComparison.Ordinal) || parts.Length != 2)
            {
                throw new FormatException($"unsupported filter {inner}");
            }
            var fieldPath = new PrinterColumnPath(field[1..]);
            var expected = parts[1].Trim().Trim('"', '\'');
            return node => node is JsonArray array
                ? array.Where(item => item is JsonObject obj && Matches(fieldPath.Evaluate(obj), expected) == (op == "=="))
                : [];
        }
        if ((inner.StartsWith('\'') && inner.EndsWith('\'')) || (inner.StartsWith('"') && inner.EndsWith('"')))
        {
            var name = inner[1..^1];
            return node => node is JsonObject obj && obj.TryGetPropertyValue(name, out var child) ? [child] : [];
        }
        if (int.TryParse(inner, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
        {
            return node =>
            {
                if (node is not JsonArray array)
                {
                    return [];
                }
                var at = index < 0 ? array.Count + index : index;
                return at >= 0 && at < array.Count ? [array[at]] : [];
            };
        }
        throw new FormatException($"unsupported JSONPath segment [{inner}]");
    }

    private static bool Matches(IReadOnlyList<JsonNode?> values, string expected) =>
        values.Any(v => v is not null && Print(v) == expected);
}
