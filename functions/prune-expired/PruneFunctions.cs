using ImageCacheFunctions.ImageCaches.Answers;
using System.Net;
using ImageCacheFunctions.ImageCaches.Operations;
using ImageCacheFunctions.ImageCaches.Operations.Prune;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Logging;

namespace ImageCacheFunctions.Functions.PruneExpired;

/// <summary>
/// One prune run, started by the cron-connector (hourly: stack.yml's "0 * * * *") or by hand:
/// <c>POST /function/prune-expired?dryRun=true&amp;policy=expired,failed</c> with the function key.
/// The work is <see cref="ImageCachePruner"/>'s; this binds the triggers and shapes the answer.
/// </summary>
public sealed partial class PruneFunctions(ImageCachePruner pruner, ILogger<PruneFunctions> logger)
{
    [Function("prune-expired")]
    public async Task<HttpResponseData> RunOnRequest(
        [HttpTrigger(AuthorizationLevel.Function, "post")] HttpRequestData req,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        if (!PruneQuery.TryParse(req.Query, out var request, out var error))
        {
            var refused = req.CreateResponse(HttpStatusCode.BadRequest);
            await refused.WriteAsJsonAsync(new ErrorAnswer(ErrorAnswer.BadRequest, error!), cancellationToken);
            return refused;
        }

        var report = await pruner.PruneAsync(request, cancellationToken);
        var response = req.CreateResponse(report.Error is null ? HttpStatusCode.OK : HttpStatusCode.ServiceUnavailable);
        if (report.Error is not null)
        {
            // ECI or Kubernetes could not be read: nothing was done; try again later.
            response.Headers.Add("Retry-After", "60");
        }

        await response.WriteAsJsonAsync(report, cancellationToken);
        return response;
    }

    [Function("prune-expired-timer")]
    public async Task RunOnSchedule([TimerTrigger("0 0 * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var report = await pruner.PruneAsync(new PruneRequest(Trigger: "timer"), cancellationToken);
        LogScheduled(logger, report.Deleted.Count, report.Cap.Capped, report.Error, timer.ScheduleStatus?.Next);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "scheduled prune run done: {Deleted} deleted, capped: {Capped}, error: {Error}; next run at {Next:O}")]
    private static partial void LogScheduled(ILogger logger, int deleted, bool capped, string? error, DateTime? next);
}
