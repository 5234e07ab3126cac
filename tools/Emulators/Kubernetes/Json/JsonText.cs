using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ImageCacheFunctions.Emulators.Kubernetes.Json;

/// <summary>How the emulator reads and writes JSON: compact, with Go-like minimal escaping.</summary>
internal static class JsonText
{
    public static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = false };

    public static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 128 };

    public static byte[] ToBytes(JsonNode node) => JsonSerializer.SerializeToUtf8Bytes(node, Options);

    public static string ToText(JsonNode? node) => node is null ? "null" : node.ToJsonString(Options);

    /// <summary>Parses bytes that must hold one JSON value; duplicate keys and trailing data are errors.</summary>
    public static JsonNode? Parse(ReadOnlySpan<byte> utf8)
    {
        var node = JsonNode.Parse(utf8, NodeOptions, DocumentOptions);
        // JsonObject detects duplicate keys lazily; touching every object surfaces them now.
        Touch(node);
        return node;
    }

    public static JsonObject ParseStored(byte[] utf8) => (JsonObject)JsonNode.Parse(utf8, NodeOptions, DocumentOptions)!;

    private static void Touch(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    Touch(child);
                }
                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Touch(child);
                }
                break;
        }
    }
}
