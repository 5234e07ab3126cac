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

        await http.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            details = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
        }).ConfigureAwait(false);
    }
}
