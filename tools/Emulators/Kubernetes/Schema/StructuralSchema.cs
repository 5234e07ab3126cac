using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ImageCacheFunctions.Emulators.Kubernetes.Json;

namespace ImageCacheFunctions.Emulators.Kubernetes.Schema;

/// <summary>
/// A CRD's openAPIV3Schema applied the way the apiserver applies it to custom resources:
/// unknown fields pruned (unless x-kubernetes-preserve-unknown-fields), nulls of non-nullable
/// fields dropped, defaults set, then validation with the apiserver's field paths and messages.
/// </summary>
internal sealed class StructuralSchema
{
    private static readonly ConcurrentDictionary<string, Regex> Patterns = new(StringComparer.Ordinal);

    private readonly JsonObject _root;

    public StructuralSchema(JsonObject openApiV3Schema)
    {
        _root = (JsonObject)openApiV3Schema.DeepClone();
        // Fail at load, not at the first request, on a pattern .NET cannot compile.
        CheckPatterns(_root);
    }

    public JsonObject Document => _root;

    /// <summary>Removes fields the schema does not know; returns their paths (for fieldValidation).</summary>
    public void Prune(JsonObject obj, List<string> unknownFields)
    {
        var properties = _root.Object("properties");
        foreach (var key in obj.Select(p => p.Key).ToList())
        {
            if (key is "apiVersion" or "kind")
            {
                continue;
            }
            if (key == "metadata")
            {
                if (obj["metadata"] is JsonObject metadata)
                {
                    foreach (var metaKey in metadata.Select(p => p.Key).ToList())
                    {
                        if (!ObjectMetaRules.KnownFields.Contains(metaKey))
                        {
                            metadata.Remove(metaKey);
                            unknownFields.Add($"metadata.{metaKey}");
                        }
                    }
                }
                continue;
            }
            if (properties?[key] is JsonObject propertySchema)
            {
                obj[key] = PruneNode(obj[key], propertySchema, key, unknownFields);
            }
            else if (!PreservesUnknown(_root))
            {
                obj.Remove(key);
                unknownFields.Add(key);
            }
        }
    }

    /// <summary>Drops nulls of non-nullable fields and sets defaults, as the apiserver does before validation.</summary>
    public void ApplyDefaults(JsonObject obj)
    {
        var properties = _root.Object("properties");
        if (properties is null)
        {
            return;
        }
        foreach (var (key, schema) in properties)
        {
            if (key is "metadata" or "apiVersion" or "kind" || schema is not JsonObject propertySchema)
            {
                continue;
            }
            DefaultProperty(obj, key, propertySchema);
        }
    }

    /// <summary>Validates everything but metadata (ObjectMeta has its own rules).</summary>
    public void Validate(JsonObject obj, List<FieldError> errors)
    {
        var properties = _root.Object("properties");
        foreach (var required in _root.StringList("required"))
        {
            if (required != "metadata" && (!obj.TryGetPropertyValue(required, out var value) || value is null))
            {
                errors.Add(FieldError.Required(required));
            }
        }
        if (properties is null)
        {
            return;
        }
        foreach (var (key, value) in obj)
        {
            if (key is "metadata" or "apiVersion" or "kind")
            {
                continue;
            }
            if (properties[key] is JsonObject propertySchema)
            {
                ValidateNode(value, propertySchema, key, errors);
            }
        }
    }

    private static bool PreservesUnknown(JsonObject schema) =>
        schema["x-kubernetes-preserve-unknown-fields"] is JsonValue v && v.GetValueKind() == JsonValueKind.True;

    private static bool IsNullable(JsonObject schema) =>
        schema["nullable"] is JsonValue v && v.GetValueKind() == JsonValueKind.True;

    private static JsonNode? PruneNode(JsonNode? node, JsonObject schema, string path, List<string> unknownFields)
    {
        switch (node)
        {
            case JsonObject obj:
                var properties = schema.Object("properties");
                var additional = schema["additionalProperties"] as JsonObject;
                var preserve = PreservesUnknown(schema);
                var embedded = schema["x-kubernetes-embedded-resource"] is JsonValue e && e.GetValueKind() == JsonValueKind.True;
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    var childPath = $"{path}.{key}";
                    if (properties?[key] is JsonObject propertySchema)
                    {
                        obj[key] = PruneNode(obj[key], propertySchema, childPath, unknownFields);
                    }
                    else if (additional is not null)
                    {
                        obj[key] = PruneNode(obj[key], additional, childPath, unknownFields);
                    }
                    else if (!preserve && !(embedded && key is "apiVersion" or "kind" or "metadata"))
                    {
                        obj.Remove(key);
                        unknownFields.Add(childPath);
                    }
                }
                return obj;
            case JsonArray array when schema["items"] is JsonObject itemSchema:
                for (var i = 0; i < array.Count; i++)
                {
                    array[i] = PruneNode(array[i]?.DeepClone(), itemSchema, $"{path}[{i}]", unknownFields);
                }
                return array;
            default:
                return node;
        }
    }

    private static void DefaultProperty(JsonObject parent, string key, JsonObject schema)
    {
        if (parent.TryGetPropertyValue(key, out var value))
        {
            if (value is null && !IsNullable(schema))
            {
                parent.Remove(key);
            }
        }
        if (!parent.ContainsKey(key) && schema["default"] is { } defaultValue)
        {
            parent[key] = defaultValue.DeepClone();
        }
        DefaultNode(parent[key], schema);
    }

    private static void DefaultNode(JsonNode? node, JsonObject schema)
    {
        switch (node)
        {
            case JsonObject obj:
                if (schema.Object("properties") is { } properties)
                {
                    foreach (var (key, propertySchema) in properties)
                    {
                        if (propertySchema is JsonObject ps)
                        {
                            DefaultProperty(obj, key, ps);
                        }
                    }
                }
                if (schema["additionalProperties"] is JsonObject additional)
                {
                    foreach (var key in obj.Select(p => p.Key).ToList())
                    {
                        DefaultProperty(obj, key, additional);
                    }
                }
                break;
            case JsonArray array when schema["items"] is JsonObject itemSchema:
                foreach (var item in array)
                {
                    DefaultNode(item, itemSchema);
                }
                break;
        }
    }

    private static void ValidateNode(JsonNode? node, JsonObject schema, string path, List<FieldError> errors)
    {
        if (node is null)
        {
            if (!IsNullable(schema) && schema.String("type") is { } expectedType)
            {
                errors.Add(FieldError.TypeInvalid(path, null, $"{path} in body must be of type {expectedType}: \"null\""));
            }
            return;
        }

        if (!CheckType(node, schema, path, errors))
        {
            return;
        }

        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, node)))
        {
            errors.Add(FieldError.NotSupported(path, node, allowed));
        }

        switch (node)
        {
            case JsonObject obj:
                ValidateObject(obj, schema, path, errors);
                break;
            case JsonArray array:
                ValidateArray(array, schema, path, errors);
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                ValidateString(value.GetValue<string>(), schema, path, errors);
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.Number:
                ValidateNumber(value, schema, path, errors);
                break;
        }
    }

    private static bool CheckType(JsonNode node, JsonObject schema, string path, List<FieldError> errors)
    {
        var kind = JsonNodes.Kind(node);
        if (schema["x-kubernetes-int-or-string"] is JsonValue ios && ios.GetValueKind() == JsonValueKind.True)
        {
            if (kind == "string" || IsInteger(node))
            {
                return true;
            }
            errors.Add(FieldError.TypeInvalid(path, node, $"{path} in body must be of type integer,string: \"{kind}\""));
            return false;
        }
        var type = schema.String("type");
        var ok = type switch
        {
            null => true,
            "object" => kind == "object",
            "array" => kind == "array",
            "string" => kind == "string",
            "boolean" => kind == "boolean",
            "number" => kind == "number",
            "integer" => IsInteger(node),
            _ => true,
        };
        if (!ok)
        {
            errors.Add(FieldError.TypeInvalid(path, node, $"{path} in body must be of type {type}: \"{kind}\""));
        }
        return ok;
    }

    private static bool IsInteger(JsonNode node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number
        && long.TryParse(v.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);

    private static void ValidateObject(JsonObject obj, JsonObject schema, string path, List<FieldError> errors)
    {
        foreach (var required in schema.StringList("required"))
        {
            if (!obj.TryGetPropertyValue(required, out var value) || value is null)
            {
                errors.Add(FieldError.Required($"{path}.{required}"));
            }
        }
        var properties = schema.Object("properties");
        var additional = schema["additionalProperties"] as JsonObject;
        foreach (var (key, value) in obj)
        {
            if (properties?[key] is JsonObject propertySchema)
            {
                ValidateNode(value, propertySchema, $"{path}.{key}", errors);
            }
            else if (additional is not null)
            {
                ValidateNode(value, additional, $"{path}[{key}]", errors);
            }
        }
        if (schema.Int64("minProperties") is { } minProperties && obj.Count < minProperties)
        {
            errors.Add(FieldError.Invalid(path, obj.Count, $"{path} in body should have at least {minProperties} properties"));
        }
        if (schema.Int64("maxProperties") is { } maxProperties && obj.Count > maxProperties)
        {
            errors.Add(FieldError.TooMany(path, obj.Count, (int)maxProperties));
        }
    }

    private static void ValidateArray(JsonArray array, JsonObject schema, string path, List<FieldError> errors)
    {
        if (schema.Int64("minItems") is { } minItems && array.Count < minItems)
        {
            errors.Add(FieldError.Invalid(path, array.Count, $"{path} in body should have at least {minItems} items"));
        }
        if (schema.Int64("maxItems") is { } maxItems && array.Count > maxItems)
        {
            errors.Add(FieldError.TooMany(path, array.Count, (int)maxItems));
        }
        if (schema["items"] is JsonObject itemSchema)
        {
            for (var i = 0; i < array.Count; i++)
            {
                ValidateNode(array[i], itemSchema, $"{path}[{i}]", errors);
            }
        }
        var listType = schema.String("x-kubernetes-list-type");
        var unique = schema["uniqueItems"] is JsonValue u && u.GetValueKind() == JsonValueKind.True;
        if (listType == "set" || unique)
        {
            for (var i = 0; i < array.Count; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    if (JsonNode.DeepEquals(array[i], array[j]))
                    {
                        errors.Add(FieldError.Duplicate($"{path}[{i}]", array[i]));
                        break;
                    }
                }
            }
        }
        else if (listType == "map")
        {
            var keys = schema.StringList("x-kubernetes-list-map-keys");
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < array.Count; i++)
            {
                if (array[i] is not JsonObject item)
                {
                    continue;
                }
                var identity = new JsonObject();
                foreach (var key in keys)
                {
                    identity[key] = item[key]?.DeepClone();
                }
                if (!seen.Add(JsonText.ToText(identity)))
                {
                    errors.Add(FieldError.Duplicate($"{path}[{i}]", identity));
                }
            }
        }
    }

    private static void ValidateString(string value, JsonObject schema, string path, List<FieldError> errors)
    {
        var length = value.EnumerateRunes().Count();
        if (schema.Int64("maxLength") is { } maxLength && length > maxLength)
        {
            errors.Add(FieldError.TooLong(path, (int)maxLength));
        }
        if (schema.Int64("minLength") is { } minLength && length < minLength)
        {
            errors.Add(FieldError.Invalid(path, value, $"{path} in body should be at least {minLength} chars long"));
        }
        if (schema.String("pattern") is { } pattern && !Pattern(pattern).IsMatch(value))
        {
            errors.Add(FieldError.Invalid(path, value, $"{path} in body should match '{pattern}'"));
        }
        var format = schema.String("format");
        var formatOk = format switch
        {
            "date-time" => Timestamps.TryParse(value, out _),
            "date" => DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            "byte" => IsBase64(value),
            "uuid" => Guid.TryParseExact(value, "D", out _),
            _ => true,
        };
        if (!formatOk)
        {
            errors.Add(FieldError.Invalid(path, value, $"{path} in body must be of type {format}: {JsonNodes.GoQuote(value)}"));
        }
    }

    private static bool IsBase64(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out _);
    }

    private static void ValidateNumber(JsonValue value, JsonObject schema, string path, List<FieldError> errors)
    {
        var number = double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
        var rendered = value.ToJsonString();
        var exclusiveMinimum = schema["exclusiveMinimum"] is JsonValue xmin && xmin.GetValueKind() == JsonValueKind.True;
        var exclusiveMaximum = schema["exclusiveMaximum"] is JsonValue xmax && xmax.GetValueKind() == JsonValueKind.True;
        if (schema["minimum"] is JsonValue min)
        {
            var bound = double.Parse(min.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
            if (exclusiveMinimum ? number <= bound : number < bound)
            {
                var relation = exclusiveMinimum ? "greater than" : "greater than or equal to";
                errors.Add(FieldError.InvalidText(path, rendered, $"{path} in body should be {relation} {min.ToJsonString()}"));
            }
        }
        if (schema["maximum"] is JsonValue max)
        {
            var bound = double.Parse(max.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
            if (exclusiveMaximum ? number >= bound : number > bound)
            {
                var relation = exclusiveMaximum ? "less than" : "less than or equal to";
                errors.Add(FieldError.InvalidText(path, rendered, $"{path} in body should be {relation} {max.ToJsonString()}"));
            }
        }
        if (schema["multipleOf"] is JsonValue multiple)
        {
            var factor = double.Parse(multiple.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
            if (factor > 0 && Math.Abs(Math.IEEERemainder(number, factor)) > 1e-9)
            {
                errors.Add(FieldError.InvalidText(path, rendered, $"{path} in body should be a multiple of {multiple.ToJsonString()}"));
            }
        }
        var format = schema.String("format");
        if ((format == "int32" && (number < int.MinValue || number > int.MaxValue))
            || (format == "int64" && !IsInteger(value)))
        {
            errors.Add(FieldError.InvalidText(path, rendered, $"{path} in body must be of type {format}: \"{rendered}\""));
        }
    }

    private static Regex Pattern(string pattern) =>
        Patterns.GetOrAdd(pattern, p => new Regex(p, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));

    private static void CheckPatterns(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj.String("pattern") is { } pattern)
                {
                    _ = Pattern(pattern);
                }
                foreach (var (_, child) in obj)
                {
                    CheckPatterns(child);
                }
                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    CheckPatterns(child);
                }
                break;
        }
    }
}
