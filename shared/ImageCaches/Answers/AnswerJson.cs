using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageCacheFunctions.ImageCaches.Answers;

/// <summary>
/// The one JSON set-up of every function's answers, registered as the worker's serializer
/// (<c>WorkerOptions.Serializer</c>, as Azure Functions' isolated worker does) so functions answer
/// with <c>WriteAsJsonAsync(report, status)</c>: camelCase, enums as camelCase words, nulls
/// written (a script can rely on <c>"match": null</c> being there).
/// </summary>
public static class AnswerJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
