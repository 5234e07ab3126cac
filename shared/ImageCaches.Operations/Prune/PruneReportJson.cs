using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageCacheFunctions.ImageCaches.Operations.Prune;

/// <summary>The report's JSON (camelCase, as the function answers and as clients read it back).</summary>
public static class PruneReportJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string Serialize(PruneReport report) => JsonSerializer.Serialize(report, Options);

    public static PruneReport? Deserialize(string json) => JsonSerializer.Deserialize<PruneReport>(json, Options);

    /// <summary>The body of a refused request, in the host's error shape.</summary>
    public static string Error(string code, string message) =>
        JsonSerializer.Serialize(new PruneError(code, message), Options);

    private sealed record PruneError(string Error, string Message);
}
