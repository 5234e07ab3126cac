using System.Text.Json;

namespace ImageCacheFunctions.ImageCaches.Registries;

/// <summary>
/// Reading fields of untrusted JSON without exceptions: a field of the wrong kind reads as
/// absent, so a malformed payload becomes a clear rejection, never an InvalidOperationException.
/// </summary>
internal static class JsonFields
{
    public static JsonElement? Field(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty(name, out var value)
        && value.ValueKind is not JsonValueKind.Null and not JsonValueKind.Undefined
            ? value
            : null;

    public static JsonElement? Field(this JsonElement? element, string name) =>
        element is { } e ? e.Field(name) : null;

    public static string? String(this JsonElement element, string name) =>
        element.Field(name) is { ValueKind: JsonValueKind.String } value ? value.Utf16(name) : null;

    public static string? String(this JsonElement? element, string name) =>
        element is { } e ? e.String(name) : null;

    public static JsonElement? Object(this JsonElement element, string name) =>
        element.Field(name) is { ValueKind: JsonValueKind.Object } value ? value : null;

    public static JsonElement? Object(this JsonElement? element, string name) =>
        element is { } e ? e.Object(name) : null;

    public static JsonElement? Array(this JsonElement element, string name) =>
        element.Field(name) is { ValueKind: JsonValueKind.Array } value ? value : null;

    public static JsonElement? Array(this JsonElement? element, string name) =>
        element is { } e ? e.Array(name) : null;

    public static long? Int64(this JsonElement element, string name) =>
        element.Field(name) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt64(out var number) ? number : null;

    public static long? Int64(this JsonElement? element, string name) =>
        element is { } e ? e.Int64(name) : null;

    /// <summary>A string, or a number's text (ids are sometimes numbers).</summary>
    public static string? Text(this JsonElement element, string name) => element.Field(name) switch
    {
        { ValueKind: JsonValueKind.String } value => value.Utf16(name),
        { ValueKind: JsonValueKind.Number } value => value.GetRawText(),
        _ => null,
    };

    public static string? Text(this JsonElement? element, string name) =>
        element is { } e ? e.Text(name) : null;

    public static bool Has(this JsonElement element, string name) => element.Field(name) is not null;

    public static IEnumerable<JsonElement> Items(this JsonElement? array) =>
        array is { ValueKind: JsonValueKind.Array } a ? a.EnumerateArray() : [];

    /// <summary>
    /// A string value as text. The JSON reader accepts bytes that are not UTF-8 inside a string;
    /// reading them throws <see cref="UnreadableTextException"/>, which the receiver answers with
    /// a 400 naming <paramref name="field"/>.
    /// </summary>
    public static string? Utf16(this JsonElement value, string field)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException e)
        {
            throw new UnreadableTextException(field, e);
        }
    }

    /// <summary>Empty strings read as null: senders use "" for "no tag".</summary>
    public static string? NullIfEmpty(this string? value) => string.IsNullOrEmpty(value) ? null : value;
}

/// <summary>Limits applied to every JSON body read from a sender.</summary>
internal static class JsonLimits
{
    /// <summary>Nesting depth: real payloads stay under 10; a hostile one must not recurse deeply.</summary>
    public const int MaxDepth = 64;

    public static JsonDocumentOptions DocumentOptions { get; } = new()
    {
        MaxDepth = MaxDepth,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
    };
}
