using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OpenFaaS.Functions.Worker.Http;

/// <summary>
/// The body of <c>/_/ready</c> when the functions registered health checks: each check's status,
/// description and data (a degraded part is still ready: 200; an unhealthy one is 503).
/// </summary>
internal static class ReadinessDetails
{
    public static async Task WriteAsync(HttpContext http, HealthCheckService health)
    {
        var report = await health.CheckHealthAsync(http.RequestAborted).ConfigureAwait(false);
        if (report.Status == HealthStatus.Unhealthy)
        {
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        }

        var details = report.Entries.ToDictionary(
            e => e.Key,
            e => new ReadinessEntry(e.Value.Status.ToString(), e.Value.Description, e.Value.Data.ToDictionary(d => d.Key, d => Plain(d.Value))));
        await http.Response.WriteAsJsonAsync(new Readiness(report.Status.ToString(), details), HostAnswersJson.Default.Readiness, cancellationToken: http.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>A check's data value as JSON knows it without reflection: numbers, text, times, booleans; anything else as its text.</summary>
    private static object? Plain(object? value) => value switch
    {
        null or string or bool or int or long or double or decimal or DateTime or DateTimeOffset or TimeSpan or Guid => value,
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
    };

    internal sealed record Readiness(
        [property: JsonPropertyName("status")] string Status,
        [property: JsonPropertyName("details")] Dictionary<string, ReadinessEntry> Details);

    internal sealed record ReadinessEntry(
        [property: JsonPropertyName("status")] string Status,
        [property: JsonPropertyName("description")] string? Description,
        [property: JsonPropertyName("data")] Dictionary<string, object?> Data);
}
