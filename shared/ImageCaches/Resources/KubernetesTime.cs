using System.Globalization;
using System.Text.Json.Serialization;
using System.Text.Json;

namespace ImageCacheFunctions.ImageCaches.Resources;

/// <summary>
/// Kubernetes <c>metav1.Time</c>: RFC 3339 in UTC with whole seconds (<c>2019-10-24T13:40:56Z</c>).
/// The API server truncates to seconds, so values are truncated before they are written;
/// otherwise a status written with sub-second times would never compare equal to what is read back.
/// </summary>
public static class KubernetesTime
{
    private const string Format = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'";

    /// <summary>The same instant in UTC without the sub-second part.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }

    /// <summary>Now, as Kubernetes would store it.</summary>
    public static DateTimeOffset Now(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        return Truncate(timeProvider.GetUtcNow());
    }

    public static string ToString(DateTimeOffset value) =>
        Truncate(value).ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>Reads RFC 3339 with or without fractional seconds and with any offset.</summary>
    public static bool TryParse(string? value, out DateTimeOffset result)
    {
        if (!string.IsNullOrWhiteSpace(value)
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            result = parsed.ToUniversalTime();
            return true;
        }

        result = default;
        return false;
    }
}

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
