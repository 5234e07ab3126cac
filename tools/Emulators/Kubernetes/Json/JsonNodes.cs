using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ImageCacheFunctions.Emulators.Kubernetes.Json;

/// <summary>Small accessors over JSON trees, named after what Kubernetes objects keep in them.</summary>
internal static class JsonNodes
{
    public static JsonObject? Object(this JsonObject parent, string name) => parent[name] as JsonObject;

    public static JsonObject EnsureObject(this JsonObject parent, string name)
    {
        if (parent[name] is JsonObject existing)
        {
            return existing;
        }
        var created = new JsonObject();
        parent[name] = created;
        return created;
    }

    public static string? String(this JsonObject? parent, string name) =>
        parent?[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    public static long? Int64(this JsonObject? parent, string name) =>
        parent?[name] is JsonValue value && value.GetValueKind() == JsonValueKind.Number
            && long.TryParse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;

    public static JsonObject Metadata(this JsonObject obj) => obj.EnsureObject("metadata");

    public static IReadOnlyDictionary<string, string> StringMap(this JsonObject? parent, string name)
    {
        if (parent?[name] is not JsonObject map)
        {
            return EmptyMap;
        }
        var result = new Dictionary<string, string>(map.Count, StringComparer.Ordinal);
        foreach (var (key, value) in map)
        {
            if (value is JsonValue v && v.GetValueKind() == JsonValueKind.String)
            {
                result[key] = v.GetValue<string>();
            }
        }
        return result;
    }

    public static List<string> StringList(this JsonObject? parent, string name)
    {
        var result = new List<string>();
        if (parent?[name] is JsonArray array)
        {
            foreach (var item in array)
            {
                if (item is JsonValue v && v.GetValueKind() == JsonValueKind.String)
                {
                    result.Add(v.GetValue<string>());
                }
            }
        }
        return result;
    }

    public static JsonArray ToJsonArray(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);

    public static JsonNode? Clone(this JsonNode? node) => node?.DeepClone();

    public static bool SameAs(this JsonNode? left, JsonNode? right) => JsonNode.DeepEquals(left, right);

    /// <summary>The value rendered the way Go's %v/%q renders it in apiserver messages.</summary>
    public static string GoValue(JsonNode? node)
    {
        if (node is JsonValue value)
        {
            return value.GetValueKind() switch
            {
                JsonValueKind.String => GoQuote(value.GetValue<string>()),
                JsonValueKind.Number => value.ToJsonString(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => "null",
            };
        }
        return node is null ? "null" : JsonText.ToText(node);
    }

    public static string GoQuote(string text) => JsonSerializer.Serialize(text, JsonText.Options);

    public static string Kind(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.Number => "number",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            _ => "null",
        },
        _ => "unknown",
    };

    private static readonly Dictionary<string, string> EmptyMap = new(StringComparer.Ordinal);
}
