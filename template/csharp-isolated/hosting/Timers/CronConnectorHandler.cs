using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using OpenFaaS.Functions.Worker.Http;
using OpenFaaS.Functions.Worker.Metadata;
using OpenFaaS.Functions.Worker.Metrics;

namespace OpenFaaS.Functions.Worker.Timers;

/// <summary>
/// Serves the OpenFaaS cron-connector's POST (<c>X-Connector: cron-connector</c>): runs the
/// process's timer functions one after the other and reports each outcome as JSON. A timer
/// function runs one pass at a time in this process: a call that arrives while its pass is
/// still running skips it ("skipped", counted in <c>functions_timer_runs_skipped_total</c>) and
/// is answered 429 when it ran nothing.
/// </summary>
internal sealed class CronConnectorHandler(FunctionCatalog catalog, TimerFunctionRunner timers)
{
    private readonly ConcurrentDictionary<string, byte> _running = new(StringComparer.Ordinal);

    public const string ConnectorHeader = "X-Connector";
    public const string ConnectorName = "cron-connector";

    public static bool IsConnectorCall(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && string.Equals(request.Headers[ConnectorHeader].FirstOrDefault(), ConnectorName, StringComparison.OrdinalIgnoreCase)
        && request.Path is { HasValue: false } or { Value: "/" };

    public async Task HandleAsync(HttpContext http)
    {
        var runs = new List<TimerRun>();
        foreach (var function in catalog.TimerFunctions)
        {
            // Only the timers this call is due for: one connector schedule serves every timer of the process.
            if (timers.ForConnectorCall(function) is not { } info)
            {
                continue;
            }

            if (!_running.TryAdd(function.Name, 0))
            {
                HostMetrics.TimerRunsSkipped.WithLabels(function.Name).Inc();
                runs.Add(new TimerRun(function.Name, "", "skipped", info.IsPastDue, info.ScheduleStatus!.Next));
                continue;
            }

            try
            {
                var (invocationId, failure) = await timers.RunAsync(function, info, InvocationTrigger.Connector, HttpInvocationHandler.TraceContextOf(http.Request), http.RequestAborted).ConfigureAwait(false);
                runs.Add(new TimerRun(function.Name, invocationId, failure is null ? "succeeded" : "failed", info.IsPastDue, info.ScheduleStatus!.Next));
            }
            finally
            {
                _running.TryRemove(function.Name, out _);
            }
        }

        var failed = runs.Any(r => r.Status == "failed");
        var ranNothing = runs.Count > 0 && runs.All(r => r.Status == "skipped");
        http.Response.StatusCode = failed ? StatusCodes.Status500InternalServerError
            : ranNothing ? StatusCodes.Status429TooManyRequests
            : StatusCodes.Status200OK;
        http.Response.ContentType = "application/json; charset=utf-8";
        await http.Response.Body.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(new TimerReport(runs), HostAnswersJson.Default.TimerReport), http.RequestAborted).ConfigureAwait(false);
    }

    internal sealed record TimerReport([property: JsonPropertyName("timers")] IReadOnlyList<TimerRun> Timers);

    internal sealed record TimerRun(
        [property: JsonPropertyName("function")] string Function,
        [property: JsonPropertyName("invocationId")] string InvocationId,
        [property: JsonPropertyName("status")] string Status,
        [property: JsonPropertyName("isPastDue")] bool IsPastDue,
        [property: JsonPropertyName("next")] DateTime Next);
}
