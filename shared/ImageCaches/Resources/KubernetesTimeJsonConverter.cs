using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageCacheFunctions.ImageCaches.Resources;

/// <summary>
/// Writes a time exactly as the API server does (see <see cref="KubernetesTime"/>). Put on the
/// status times of the model; KubernetesClient's own converter would write microseconds.
/// </summary>
public sealed class KubernetesTimeJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        return KubernetesTime.TryParse(text, out var value)
            ? value
            : throw new JsonException($"'{text}' is not an RFC 3339 time");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(KubernetesTime.ToString(value));
    }
}
