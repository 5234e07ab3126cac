using System.Text.Json.Nodes;
using ImageCacheFunctions.Emulators.Kubernetes.Api;
using ImageCacheFunctions.Emulators.Kubernetes.Json;
using ImageCacheFunctions.Emulators.Kubernetes.Resources;

namespace ImageCacheFunctions.Emulators.Kubernetes.Selection;

/// <summary>
/// A parsed fieldSelector: <c>field=value</c>, <c>field==value</c>, <c>field!=value</c> joined by
/// commas, over metadata.name, metadata.namespace and the type's selectable fields.
/// </summary>
internal sealed class FieldSelector
{
    public static readonly FieldSelector Everything = new([]);

    private readonly IReadOnlyList<(string Field, bool Equal, string Value)> _terms;

    private FieldSelector(IReadOnlyList<(string Field, bool Equal, string Value)> terms) => _terms = terms;

    public bool IsEverything => _terms.Count == 0;

    /// <summary>The name this selector pins (metadata.name=x), which lets a list skip the scan.</summary>
    public string? ExactName => _terms.FirstOrDefault(t => t.Field == "metadata.name" && t.Equal).Value;

    public bool NeedsObject => _terms.Any(t => t.Field is not ("metadata.name" or "metadata.namespace"));

    public static FieldSelector Parse(string? text, ResourceType type)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }
        var terms = new List<(string, bool, string)>();
        foreach (var raw in text.Split(','))
        {
            var term = raw.Trim();
            if (term.Length == 0)
            {
                continue;
            }
            string field;
            string value;
            bool equal;
            var notEqual = term.IndexOf("!=", StringComparison.Ordinal);
            if (notEqual >= 0)
            {
                (field, value, equal) = (term[..notEqual], term[(notEqual + 2)..], false);
            }
            else
            {
                var eq = term.IndexOf('=', StringComparison.Ordinal);
                if (eq < 0)
                {
                    throw StatusDocuments.BadRequest($"invalid selector: '{text}'; can't understand '{term}'");
                }
                var skip = eq + 1 < term.Length && term[eq + 1] == '=' ? 2 : 1;
                (field, value, equal) = (term[..eq], term[(eq + skip)..], true);
            }
            field = field.Trim();
            if (field is not ("metadata.name" or "metadata.namespace") && !type.SelectableFields.Contains(field))
            {
                throw StatusDocuments.BadRequest($"field label not supported: {field}");
            }
            terms.Add((type.Conversion?.StorageField(field) ?? field, equal, value.Trim()));
        }
        return new FieldSelector(terms);
    }

    public bool Matches(string? ns, string name, Func<JsonObject> obj)
    {
        JsonObject? parsed = null;
        foreach (var (field, equal, value) in _terms)
        {
            var actual = field switch
            {
                "metadata.name" => name,
                "metadata.namespace" => ns ?? "",
                _ => Lookup(parsed ??= obj(), field),
            };
            if ((actual == value) != equal)
            {
                return false;
            }
        }
        return true;
    }

    private static string Lookup(JsonObject obj, string path)
    {
        JsonNode? node = obj;
        foreach (var part in path.Split('.'))
        {
            node = (node as JsonObject)?[part];
        }
        return node is JsonValue v ? (JsonNodes.Kind(v) == "string" ? v.GetValue<string>() : v.ToJsonString()) : "";
    }
}
