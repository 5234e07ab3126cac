using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ImageCacheFunctions.Emulators.Kubernetes.Api;
using ImageCacheFunctions.Emulators.Kubernetes.Json;
using ImageCacheFunctions.Emulators.Kubernetes.Schema;

namespace ImageCacheFunctions.Emulators.Kubernetes.Resources;

/// <summary>Secrets: stringData folded into base64 data, type Opaque by default and immutable.</summary>
internal sealed partial class SecretBehavior : ResourceBehavior
{
    public override void PrepareForCreate(JsonObject obj)
    {
        if (obj["data"] is JsonObject data)
        {
            foreach (var (key, value) in data)
            {
                if (value is not JsonValue v || v.GetValueKind() != JsonValueKind.String || !IsBase64(v.GetValue<string>()))
                {
                    throw StatusDocuments.BadRequest($"Secret in version \"v1\" cannot be handled as a Secret: illegal base64 data in data[{key}]");
                }
            }
        }
        if (obj["stringData"] is JsonObject stringData)
        {
            var target = obj.EnsureObject("data");
            foreach (var (key, value) in stringData)
            {
                var text = value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : "";
                target[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
            }
            obj.Remove("stringData");
        }
        if (string.IsNullOrEmpty(obj.String("type")))
        {
            obj["type"] = "Opaque";
        }
    }

    public override void Validate(JsonObject obj, JsonObject? old, List<FieldError> errors)
    {
        if (obj["data"] is JsonObject data)
        {
            foreach (var (key, _) in data)
            {
                if (!ConfigKey().IsMatch(key))
                {
                    errors.Add(FieldError.Invalid($"data[{key}]", key,
                        "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"));
                }
            }
        }
        if (old is not null)
        {
            if (old.String("type") != obj.String("type"))
            {
                errors.Add(FieldError.Invalid("type", obj["type"]?.DeepClone(), "field is immutable"));
            }
            if (old["immutable"] is JsonValue immutable && immutable.GetValueKind() == JsonValueKind.True
                && !JsonNode.DeepEquals(old["data"], obj["data"]))
            {
                errors.Add(FieldError.Forbidden("data", "field is immutable when `immutable` is set"));
            }
        }
    }

    private static bool IsBase64(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out _);
    }

    [GeneratedRegex("^[-._a-zA-Z0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex ConfigKey();
}
