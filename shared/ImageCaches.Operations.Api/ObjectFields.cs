using System.Text.Json;

namespace ImageCacheFunctions.ImageCaches.Operations.Api;

/// <summary>
/// Reads fields of a Kubernetes object held as <see cref="JsonText"/> (the request body's own
/// bytes), where "absent" and "not an object" read alike as null, as a validator wants them.
/// </summary>
public static class ObjectFields
{
    /// <summary>Property <paramref name="name"/> of an object; null when absent or not an object.</summary>
    public static JsonText? Field(this JsonText? value, string name) => value?.Field(name);

    /// <summary>The value at a dotted path (<c>spec.template.metadata</c>); null when any step is missing.</summary>
    public static JsonText? At(this JsonText? value, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        foreach (var part in path.Split('.'))
        {
            value = value.Field(part);
        }

        return value;
    }

    /// <summary>A JSON string's value; numbers and booleans as their JSON text (YAML reads everything as text anyway).</summary>
    public static string? Text(this JsonText? value) => value?.ValueKind switch
    {
        JsonValueKind.String => value.Value.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.Value.GetRawText(),
        _ => null,
    };

    /// <summary>A JSON string's value, nothing else (numbers and booleans read as absent).</summary>
    public static string? StringValue(this JsonText? value) => value is { ValueKind: JsonValueKind.String } text ? text.GetString() : null;

    /// <summary>
    /// A JSON string's value when it has at most <paramref name="maxLength"/> characters; a
    /// longer one is its start and "..." (longer than <paramref name="maxLength"/>, so a length
    /// check still refuses it), never decoded whole: a megabyte name costs a few hundred bytes.
    /// </summary>
    public static string? TextUpTo(this JsonText? value, int maxLength)
    {
        if (value is not { ValueKind: JsonValueKind.String } text)
        {
            return null;
        }

        // The raw text has its quotes; an escaped character takes up to 6 bytes (\uXXXX).
        if (text.RawLength <= maxLength + 2)
        {
            return text.GetString();
        }

        var start = text.RawStart((maxLength + 1) * 6)[1..];
        return start.Length <= maxLength ? text.GetString() : start[..(maxLength + 1)] + "...";
    }

    /// <summary>True for an object, false for anything else (absent included).</summary>
    public static bool IsObject(this JsonText? value) => value is { ValueKind: JsonValueKind.Object };

    /// <summary>True for a list, false for anything else (absent included).</summary>
    public static bool IsList(this JsonText? value) => value is { ValueKind: JsonValueKind.Array };
}
