using System.Text;
using System.Text.Json;

namespace ImageCacheFunctions.ImageCaches.Operations.Api;

/// <summary>
/// One JSON value read in place, as the UTF-8 text of the request body: no DOM, no index, no
/// copy. Fields are found by scanning the object's own properties (skipping nested values with
/// <see cref="Utf8JsonReader.Skip"/>), and a list is counted only as far as a caller's limit, so
/// a review costs its body plus what is read from it, and a list of 300,000 items costs what
/// one of 21 does. The whole text is validated once by <see cref="Parse"/>; every value found in
/// it is then valid JSON too.
/// </summary>
public readonly struct JsonText
{
    /// <summary>Deepest nesting read: Kubernetes objects stay under 20 levels.</summary>
    public const int MaxDepth = 64;

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = MaxDepth };

    private readonly ReadOnlyMemory<byte> _utf8;

    private JsonText(ReadOnlyMemory<byte> utf8, JsonValueKind kind)
    {
        _utf8 = utf8;
        ValueKind = kind;
    }

    public JsonValueKind ValueKind { get; }

    /// <summary>Bytes of the value's JSON text.</summary>
    public int RawLength => _utf8.Length;

    /// <summary>
    /// Validates <paramref name="utf8"/> as one JSON value (at most <see cref="MaxDepth"/>
    /// levels) without building anything; it must stay unchanged while the value is read.
    /// </summary>
    /// <exception cref="JsonException">The text is not one JSON value.</exception>
    public static JsonText Parse(ReadOnlyMemory<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8.Span, ReaderOptions);
        while (reader.Read())
        {
        }

        var root = new Utf8JsonReader(utf8.Span, ReaderOptions);
        root.Read();
        return new JsonText(utf8, JsonValueKind.Undefined).ValueAt(ref root);
    }

    /// <summary>Property <paramref name="name"/> of an object (the first of that name); null when absent or not an object.</summary>
    public JsonText? Field(string name)
    {
        if (ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var reader = Reader();
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var match = reader.ValueTextEquals(name);
            reader.Read();
            if (match)
            {
                return ValueAt(ref reader);
            }

            reader.Skip();
        }

        return null;
    }

    /// <summary>
    /// Properties <paramref name="names"/> of an object in one pass over it (the first of each
    /// name; null when absent or not an object): reading several fields costs one scan, not one each.
    /// </summary>
    public JsonText?[] Fields(params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var found = new JsonText?[names.Length];
        if (ValueKind != JsonValueKind.Object)
        {
            return found;
        }

        var reader = Reader();
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var index = -1;
            for (var i = 0; i < names.Length && index < 0; i++)
            {
                if (found[i] is null && reader.ValueTextEquals(names[i]))
                {
                    index = i;
                }
            }

            reader.Read();
            if (index >= 0)
            {
                found[index] = ValueAt(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return found;
    }

    /// <summary>Items of a list, counted up to <paramref name="max"/> + 1: more than <paramref name="max"/> reads as <paramref name="max"/> + 1.</summary>
    public int CountUpTo(int max)
    {
        var count = 0;
        if (ValueKind != JsonValueKind.Array)
        {
            return count;
        }

        var reader = Reader();
        reader.Read();
        while (count <= max && reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            reader.Skip();
            count++;
        }

        return count;
    }

    /// <summary>The first <paramref name="max"/> items of a list (none for anything else).</summary>
    public IReadOnlyList<JsonText> Items(int max)
    {
        var items = new List<JsonText>();
        if (ValueKind != JsonValueKind.Array)
        {
            return items;
        }

        var reader = Reader();
        reader.Read();
        while (items.Count < max && reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(ValueAt(ref reader));
        }

        return items;
    }

    /// <summary>The properties of an object in order (none for anything else); callers bound the object's size first.</summary>
    public IReadOnlyList<KeyValuePair<string, JsonText>> Properties()
    {
        var properties = new List<KeyValuePair<string, JsonText>>();
        if (ValueKind != JsonValueKind.Object)
        {
            return properties;
        }

        var reader = Reader();
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            properties.Add(new(name, ValueAt(ref reader)));
        }

        return properties;
    }

    /// <summary>A string's value (unescaped); null for anything else.</summary>
    public string? GetString()
    {
        if (ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var reader = Reader();
        reader.Read();
        return reader.GetString();
    }

    /// <summary>The value's JSON text as it was sent.</summary>
    public string GetRawText() => Encoding.UTF8.GetString(_utf8.Span);

    /// <summary>At most the first <paramref name="maxBytes"/> bytes of the JSON text (for quoting a value that may be huge).</summary>
    public string RawStart(int maxBytes) => Encoding.UTF8.GetString(_utf8.Span[..Math.Min(_utf8.Length, maxBytes)]);

    /// <summary>True when both values were sent as the same JSON text (the API server writes an object the same way each time).</summary>
    public bool SameTextAs(JsonText other) => _utf8.Span.SequenceEqual(other._utf8.Span);

    private Utf8JsonReader Reader() => new(_utf8.Span, ReaderOptions);

    /// <summary>The value whose first token the reader is on; leaves the reader on its last token.</summary>
    private JsonText ValueAt(ref Utf8JsonReader reader)
    {
        var start = (int)reader.TokenStartIndex;
        var kind = KindOf(reader.TokenType);
        reader.Skip();
        return new JsonText(_utf8[start..(int)reader.BytesConsumed], kind);
    }

    private static JsonValueKind KindOf(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => JsonValueKind.Object,
        JsonTokenType.StartArray => JsonValueKind.Array,
        JsonTokenType.String => JsonValueKind.String,
        JsonTokenType.Number => JsonValueKind.Number,
        JsonTokenType.True => JsonValueKind.True,
        JsonTokenType.False => JsonValueKind.False,
        JsonTokenType.Null => JsonValueKind.Null,
        _ => JsonValueKind.Undefined,
    };
}
