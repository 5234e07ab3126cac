using System.Text.Json;
using System.Text.Json.Serialization;
using ImageCacheFunctions.ImageCaches.Operations.Reconcile;

namespace ImageCacheFunctions.Functions.ReconcileStatus;

/// <summary>The pass report as the HTTP answer: camelCase JSON, outcomes as words.</summary>
public static class ReconcileReportJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(ReconcileReport report) => JsonSerializer.Serialize(report, Options);

    public static string Error(string code, string message) =>
        JsonSerializer.Serialize(new { error = code, message }, Options);
}
