using System.Globalization;
using System.Text.Json.Nodes;
using ImageCacheFunctions.Emulators.Kubernetes.Api;

namespace ImageCacheFunctions.Emulators.Kubernetes.Patching;

/// <summary>RFC 6902 JSON patch (application/json-patch+json): add, remove, replace, move, copy, test.</summary>
internal static class JsonPatch
{
    public static JsonNode Apply(JsonNode document, JsonNode? patch)
    {
        if (patch is not JsonArray operations)
        {
            throw StatusDocuments.BadRequest("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
        }
        var root = new JsonObject { ["doc"] = document };
        foreach (var entry in operations)
        {
            if (entry is not JsonObject operation)
            {
                throw StatusDocuments.BadRequest("json: cannot unmarshal non-object into Go value of type jsonpatch.Operation");
            }
            var op = (operation["op"] as JsonValue)?.ToString();
            var path = (operation["path"] as JsonValue)?.ToString();
            if (path is null)
            {
                throw StatusDocuments.UnprocessablePatch($"{op} operation missing path");
            }
            switch (op)
            {
                case "add":
                    Add(root, path, Value(operation, op));
                    break;
                case "remove":
                    Remove(root, path, op);
                    break;
                case "replace":
                    Remove(root, path, op);
                    Add(root, path, Value(operation, op));
                    break;
                case "move":
                    var moved = Remove(root, From(operation, op), op);
                    Add(root, path, moved);
                    break;
                case "copy":
                    Add(root, path, Get(root, From(operation, op), op)?.DeepClone());
                    break;
                case "test":
                    var actual = Get(root, path, op);
                    if (!JsonNode.DeepEquals(actual, operation["value"]))
                    {
                        throw StatusDocuments.UnprocessablePatch($"testing value {path} failed: test failed");
                    }
                    break;
                default:
                    throw StatusDocuments.UnprocessablePatch($"Unexpected kind: {op}");
            }
        }
        var result = root["doc"]!;
        root.Remove("doc");
        return result;
    }

    private static JsonNode? Value(JsonObject operation, string op)
    {
        if (!operation.TryGetPropertyValue("value", out var value))
        {
            throw StatusDocuments.UnprocessablePatch($"{op} operation missing value");
        }
        return value?.DeepClone();
    }

    private static string From(JsonObject operation, string op) =>
        (operation["from"] as JsonValue)?.ToString() ?? throw StatusDocuments.UnprocessablePatch($"{op} operation missing from");

    private static (JsonNode Parent, string Token) Locate(JsonObject root, string path, string op)
    {
        if (path.Length > 0 && path[0] != '/')
        {
            throw StatusDocuments.UnprocessablePatch($"{op} operation does not apply: invalid path {path}");
        }
        var tokens = ("/doc" + path).Split('/').Skip(1).Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToList();
        JsonNode? current = root;
        for (var i = 0; i < tokens.Count - 1; i++)
        {
            current = Child(current, tokens[i]);
            if (current is null)
            {
                throw StatusDocuments.UnprocessablePatch($"{op} operation does not apply: doc is missing path: \"{path}\": missing value");
            }
        }
        return (current!, tokens[^1]);
    }

    private static JsonNode? Child(JsonNode? node, string token) => node switch
    {
        JsonObject obj => obj.TryGetPropertyValue(token, out var child) ? child : null,
        JsonArray array when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < array.Count => array[index],
        _ => null,
    };

    private static JsonNode? Get(JsonObject root, string path, string op)
    {
        var (parent, token) = Locate(root, path, op);
        return parent switch
        {
            JsonObject obj when obj.TryGetPropertyValue(token, out var value) => value,
            JsonArray array when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < array.Count => array[index],
            _ => throw StatusDocuments.UnprocessablePatch($"{op} operation does not apply: doc is missing path: \"{path}\": missing value"),
        };
    }

    private static void Add(JsonObject root, string path, JsonNode? value)
    {
        var (parent, token) = Locate(root, path, "add");
        switch (parent)
        {
            case JsonObject obj:
                obj.Remove(token);
                obj[token] = value;
                break;
            case JsonArray array:
                if (token == "-")
                {
                    array.Add(value);
                }
                else if (int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index <= array.Count)
                {
                    array.Insert(index, value);
                }
                else
                {
                    throw StatusDocuments.UnprocessablePatch($"add operation does not apply: doc is missing path: \"{path}\": index out of range");
                }
                break;
            default:
                throw StatusDocuments.UnprocessablePatch($"add operation does not apply: doc is missing path: \"{path}\": missing value");
        }
    }

    private static JsonNode? Remove(JsonObject root, string path, string op)
    {
        var (parent, token) = Locate(root, path, op);
        switch (parent)
        {
            case JsonObject obj when obj.TryGetPropertyValue(token, out var existing):
                obj.Remove(token);
                return existing;
            case JsonArray array when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < array.Count:
                var item = array[index];
                array.RemoveAt(index);
                return item;
            default:
                throw StatusDocuments.UnprocessablePatch($"{op} operation does not apply: doc is missing path: \"{path}\": missing value");
        }
    }
}
