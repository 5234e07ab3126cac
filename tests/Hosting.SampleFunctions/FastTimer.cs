using Microsoft.Azure.Functions.Worker;

namespace ImageCacheFunctions.Hosting.SampleFunctions;

// A timer whose schedule comes from configuration (%FastTimerSchedule%), so a test can make it fire every second.
public class FastTimer(RunLedger ledger)
{
    [Function("FastTimer")]
    public async Task RunAsync([TimerTrigger("%FastTimerSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        ledger.Record("FastTimer", timer.ScheduleStatus?.Next ?? default, timer.IsPastDue);
    }
}
