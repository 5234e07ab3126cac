using System.Text;
using System.Text.Json.Nodes;
using ImageCacheFunctions.Emulators.Kubernetes.Json;

namespace ImageCacheFunctions.Emulators.Kubernetes.Api;

/// <summary>
/// Reads the Kubernetes protobuf request bodies kubectl sends for built-in kinds (`kubectl
/// create secret`, `kubectl create namespace`): the "k8s\0" envelope (runtime.Unknown) around
/// a Secret or Namespace message. Answers stay JSON, which kubectl accepts.
/// </summary>
internal static class ProtobufBodies
{
    public const string MediaType = "application/vnd.kubernetes.protobuf";

    private static readonly byte[] Magic = [0x6b, 0x38, 0x73, 0x00];

    public static JsonObject Decode(ReadOnlyMemory<byte> body)
    {
        if (body.Length < Magic.Length || !body.Span[..Magic.Length].SequenceEqual(Magic))
        {
            throw StatusDocuments.BadRequest("provided object is not a Kubernetes protobuf message (missing the k8s envelope)");
        }
        string? apiVersion = null;
        string? kind = null;
        ReadOnlyMemory<byte> raw = default;
        foreach (var (field, value) in Fields(body[Magic.Length..]))
        {
            switch (field)
            {
                case 1:
                    foreach (var (typeField, typeValue) in Fields(value.Bytes))
                    {
                        if (typeField == 1) { apiVersion = typeValue.Text; }
                        if (typeField == 2) { kind = typeValue.Text; }
                    }
                    break;
                case 2:
                    raw = value.Bytes;
                    break;
            }
        }
        var obj = kind switch
        {
            "Secret" => Secret(raw),
            "Namespace" => Namespace(raw),
            _ => throw StatusDocuments.UnsupportedMediaType(
                $"the emulator reads protobuf bodies only for Secret and Namespace, not {kind}; send application/json"),
        };
        var ordered = new JsonObject { ["apiVersion"] = apiVersion ?? "v1", ["kind"] = kind };
        foreach (var (key, child) in obj.ToList())
        {
            obj.Remove(key);
            ordered[key] = child;
        }
        return ordered;
    }

    private static JsonObject Secret(ReadOnlyMemory<byte> raw)
    {
        var secret = new JsonObject();
        foreach (var (field, value) in Fields(raw))
        {
            switch (field)
            {
                case 1:
                    secret["metadata"] = ObjectMeta(value.Bytes);
                    break;
                case 2:
                    var (dataKey, dataValue) = MapEntry(value.Bytes);
                    secret.EnsureObject("data")[dataKey] = Convert.ToBase64String(dataValue.Span);
                    break;
                case 3:
                    secret["type"] = value.Text;
                    break;
                case 4:
                    var (textKey, textValue) = MapEntry(value.Bytes);
                    secret.EnsureObject("stringData")[textKey] = Encoding.UTF8.GetString(textValue.Span);
                    break;
                case 5:
                    secret["immutable"] = value.Number != 0;
                    break;
            }
        }
        return secret;
    }

    private static JsonObject Namespace(ReadOnlyMemory<byte> raw)
    {
        var ns = new JsonObject();
        foreach (var (field, value) in Fields(raw))
        {
            switch (field)
            {
                case 1:
                    ns["metadata"] = ObjectMeta(value.Bytes);
                    break;
                case 2:
                    var finalizers = new JsonArray();
                    foreach (var (specField, specValue) in Fields(value.Bytes))
                    {
                        if (specField == 1)
                        {
                            finalizers.Add(specValue.Text);
                        }
                    }
                    ns["spec"] = new JsonObject { ["finalizers"] = finalizers };
                    break;
            }
        }
        return ns;
    }

    private static JsonObject ObjectMeta(ReadOnlyMemory<byte> raw)
    {
        var metadata = new JsonObject();
        foreach (var (field, value) in Fields(raw))
        {
            switch (field)
            {
                case 1: metadata["name"] = value.Text; break;
                case 2: metadata["generateName"] = value.Text; break;
                case 3: metadata["namespace"] = value.Text; break;
                case 5: metadata["uid"] = value.Text; break;
                case 6: metadata["resourceVersion"] = value.Text; break;
                case 11:
                case 12:
                    var (key, text) = MapEntry(value.Bytes);
                    metadata.EnsureObject(field == 11 ? "labels" : "annotations")[key] = Encoding.UTF8.GetString(text.Span);
                    break;
                case 14:
                    if (metadata["finalizers"] is not JsonArray finalizers)
                    {
                        finalizers = [];
                        metadata["finalizers"] = finalizers;
                    }
                    finalizers.Add(value.Text);
                    break;
            }
        }
        // Empty strings are protobuf's "unset".
        foreach (var key in metadata.Where(p => p.Value is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String && v.GetValue<string>().Length == 0).Select(p => p.Key).ToList())
        {
            metadata.Remove(key);
        }
        return metadata;
    }

    private static (string Key, ReadOnlyMemory<byte> Value) MapEntry(ReadOnlyMemory<byte> raw)
    {
        var key = "";
        ReadOnlyMemory<byte> value = default;
        foreach (var (field, entry) in Fields(raw))
        {
            if (field == 1) { key = entry.Text; }
            if (field == 2) { value = entry.Bytes; }
        }
        return (key, value);
    }

    private static IEnumerable<(int Field, ProtoValue Value)> Fields(ReadOnlyMemory<byte> message)
    {
        var position = 0;
        while (position < message.Length)
        {
            var tag = Varint(message.Span, ref position);
            var field = (int)(tag >> 3);
            switch ((int)(tag & 7))
            {
                case 0:
                    yield return (field, new ProtoValue(default, Varint(message.Span, ref position)));
                    break;
                case 1:
                    position += 8;
                    break;
                case 2:
                    var length = (int)Varint(message.Span, ref position);
                    if (length < 0 || position + length > message.Length)
                    {
                        throw StatusDocuments.BadRequest("truncated protobuf body");
                    }
                    yield return (field, new ProtoValue(message.Slice(position, length), 0));
                    position += length;
                    break;
                case 5:
                    position += 4;
                    break;
                default:
                    throw StatusDocuments.BadRequest("unsupported protobuf wire type in request body");
            }
        }
    }

    private static ulong Varint(ReadOnlySpan<byte> data, ref int position)
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= data.Length)
            {
                throw StatusDocuments.BadRequest("truncated protobuf body");
            }
            var b = data[position++];
            result |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }
        throw StatusDocuments.BadRequest("malformed protobuf varint");
    }

    private readonly record struct ProtoValue(ReadOnlyMemory<byte> Bytes, ulong Number)
    {
        public string Text => Encoding.UTF8.GetString(Bytes.Span);
    }
}
