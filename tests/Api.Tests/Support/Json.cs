using ImageCacheFunctions.ImageCaches.Answers;
using System.Text.Json.Nodes;
using ImageCacheFunctions.ImageCaches.Operations;
using ImageCacheFunctions.ImageCaches.Operations.Api;

namespace ImageCacheFunctions.Api.Tests.Support;

internal static class Json
{
    /// <summary>The answer as the function writes it (the worker's serializer is <see cref="AnswerJson"/>).</summary>
    public static string Raw(ApiResult result) => System.Text.Json.JsonSerializer.Serialize(result.Body, AnswerJson.Options);

    public static JsonObject Body(ApiResult result) => JsonNode.Parse(Raw(result))!.AsObject();

    public static string? Text(this JsonNode? node, string path)
    {
        foreach (var part in path.Split('.'))
        {
            node = node is JsonArray array && int.TryParse(part, out var index) ? (index < array.Count ? array[index] : null) : (node as JsonObject)?[part];
        }

        return node is JsonValue value ? value.ToString() : node?.ToJsonString();
    }

    public static IReadOnlyList<string> Strings(this JsonNode? node, string path)
    {
        foreach (var part in path.Split('.'))
        {
            node = (node as JsonObject)?[part];
        }

        return node is JsonArray array ? [.. array.Select(n => n!.ToString())] : [];
    }
}
