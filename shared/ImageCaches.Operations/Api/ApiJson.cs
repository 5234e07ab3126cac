using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageCacheFunctions.ImageCaches.Operations.Api;

/// <summary>
/// The JSON of the API's answers: camelCase, enums as camelCase strings, nulls written (a
/// script can rely on <c>"match": null</c> being there).
/// </summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            WriteIndented = false,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
