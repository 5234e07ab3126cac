using System.Text.Json.Nodes;
using ImageCacheFunctions.Emulators.Kubernetes.Json;

namespace ImageCacheFunctions.Emulators.Kubernetes.Schema;

/// <summary>
/// One validation failure as the apiserver reports it: a field path, a cause reason
/// (FieldValueRequired, FieldValueInvalid, ...) and the error body ("Required value",
/// "Invalid value: 10: ...").
/// </summary>
internal sealed record FieldError(string Reason, string Field, string Detail)
{
    public string Message => $"{Field}: {Detail}";

    public static FieldError Required(string field, string detail = "") =>
        new("FieldValueRequired", field, detail.Length == 0 ? "Required value" : $"Required value: {detail}");

    public static FieldError Invalid(string field, JsonNode? value, string detail) =>
        new("FieldValueInvalid", field, $"Invalid value: {JsonNodes.GoValue(value)}: {detail}");

    public static FieldError InvalidText(string field, string renderedValue, string detail) =>
        new("FieldValueInvalid", field, $"Invalid value: {renderedValue}: {detail}");

    public static FieldError TypeInvalid(string field, JsonNode? value, string detail) =>
        new("FieldValueTypeInvalid", field, $"Invalid value: {JsonNodes.GoValue(value)}: {detail}");

    public static FieldError NotSupported(string field, JsonNode? value, IEnumerable<JsonNode?> allowed) =>
        new("FieldValueNotSupported", field,
            $"Unsupported value: {JsonNodes.GoValue(value)}: supported values: {string.Join(", ", allowed.Select(JsonNodes.GoValue))}");

    public static FieldError Duplicate(string field, JsonNode? value) =>
        new("FieldValueDuplicate", field, $"Duplicate value: {JsonNodes.GoValue(value)}");

    public static FieldError TooLong(string field, int max) =>
        new("FieldValueTooLong", field, $"Too long: may not be more than {max} bytes");

    public static FieldError TooMany(string field, int actual, int max) =>
        new("FieldValueTooMany", field, $"Too many: {actual}: must have at most {max} items");

    public static FieldError Forbidden(string field, string detail) =>
        new("FieldValueForbidden", field, $"Forbidden: {detail}");
}
