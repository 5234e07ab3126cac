using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace ImageCacheFunctions.Hosting.SampleFunctions;

// Mirrors Microsoft's samples/Extensions/Timer/TimerFunction.cs ([FixedDelayRetry] on a timer),
// with a run that fails until its second retry so that the retries are observable; and a
// RunOnStartup timer. Both are scheduled once a year, so only a test or the start fires them.
public class RetryingTimers(RunLedger ledger)
{
    [Function("FlakyTimer")]
    [FixedDelayRetry(2, "00:00:10")]
    public void Flaky([TimerTrigger("0 0 0 1 1 *")] TimerInfo timerInfo, FunctionContext context)
    {
        ledger.Record($"FlakyTimer retry {context.RetryContext.RetryCount} of {context.RetryContext.MaxRetryCount}", timerInfo.ScheduleStatus?.Next ?? default, timerInfo.IsPastDue);
        if (context.RetryContext.RetryCount < 2)
        {
            throw new InvalidOperationException("not yet");
        }
    }

    [Function("StartupTimer")]
    public void Startup([TimerTrigger("0 0 0 1 1 *", RunOnStartup = true)] TimerInfo timerInfo, FunctionContext context) =>
        context.GetLogger<RetryingTimers>().LogInformation("StartupTimer ran, past due: {IsPastDue}", timerInfo.IsPastDue);
}
