using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageCacheFunctions.Eci.Wire;

/// <summary>JSON settings for ECI answers: PascalCase names, lenient numbers and times.</summary>
internal static class EciJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        Converters = { new AcsDateTimeConverter() },
    };
}

/// <summary>The error body ECI answers with.</summary>
internal sealed record EciErrorBody(string? RequestId, string? HostId, string? Code, string? Message, string? Recommend);
