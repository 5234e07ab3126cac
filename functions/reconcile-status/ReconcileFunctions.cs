using ImageCacheFunctions.ImageCaches.Answers;
using System.Net;
using ImageCacheFunctions.ImageCaches.Operations;
using ImageCacheFunctions.ImageCaches.Operations.Reconcile;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Logging;

namespace ImageCacheFunctions.Functions.ReconcileStatus;

/// <summary>
/// One reconcile pass, started by the cron-connector (every minute: stack.yml's "* * * * *"),
/// by the local gateway's schedule, or by hand: <c>POST /function/reconcile-status[?name=NAME]</c>
/// with the function key. The work is <see cref="ImageCacheReconciler"/>'s; this binds the
/// triggers and shapes the answer (the JSON pass report).
/// </summary>
public sealed partial class ReconcileFunctions(ImageCacheReconciler reconciler, ILogger<ReconcileFunctions> logger)
{
    [Function("reconcile-status")]
    public async Task<HttpResponseData> RunOnRequest(
        [HttpTrigger(AuthorizationLevel.Function, "post")] HttpRequestData req,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        if (!ReconcileQuery.TryParse(req.Query, out var request, out var error))
        {
            var refused = req.CreateResponse(HttpStatusCode.BadRequest);
            await refused.WriteAsJsonAsync(new ErrorAnswer(ErrorAnswer.BadRequest, error!), cancellationToken);
            return refused;
        }

        var report = await reconciler.ReconcileAllAsync(request, cancellationToken);
        var status = HttpStatusCode.OK;
        if (report.Errors.Any(e => e.Name is null))
        {
            // ECI or Kubernetes could not be read, so nothing was decided: try again later.
            status = HttpStatusCode.ServiceUnavailable;
        }
        else if (request.Name is not null && report.Results.FirstOrDefault()?.Outcome == ObjectReconcileOutcome.NotFound)
        {
            status = HttpStatusCode.NotFound;
        }

        var response = req.CreateResponse(status);
        if (status == HttpStatusCode.ServiceUnavailable)
        {
            response.Headers.Add("Retry-After", "60");
        }

        await response.WriteAsJsonAsync(report, cancellationToken);
        return response;
    }

    [Function("reconcile-status-timer")]
    public async Task RunOnSchedule([TimerTrigger("0 * * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var report = await reconciler.ReconcileAllAsync(ReconcileRequest.All, cancellationToken);
        LogScheduled(logger, report.ObjectsSeen, report.Created, report.Updated, report.StatusChanges, report.Errors.Count, report.LeftOver.Count, timer.ScheduleStatus?.Next);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "scheduled reconcile pass: {Seen} objects, {Created} created, {Updated} updated, {StatusChanges} status changes, {Errors} errors, {LeftOver} left over; next at {Next:O}")]
    private static partial void LogScheduled(ILogger logger, int seen, int created, int updated, int statusChanges, int errors, int leftOver, DateTime? next);
}
