using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace ImageCacheFunctions.Hosting.SampleFunctions;

// Microsoft's "timer trigger" sample for the isolated worker, plus a ledger entry so that a run is visible over HTTP.
public class TimerFunction
{
    private readonly ILogger _logger;
    private readonly RunLedger _ledger;

    public TimerFunction(ILoggerFactory loggerFactory, RunLedger ledger)
    {
        _logger = loggerFactory.CreateLogger<TimerFunction>();
        _ledger = ledger;
    }

    [Function("TimerFunction")]
    public void Run([TimerTrigger("0 */5 * * * *")] TimerInfo myTimer)
    {
        _logger.LogInformation("C# Timer trigger function executed at: {Now}", DateTime.Now);

        if (myTimer.ScheduleStatus is not null)
        {
            _logger.LogInformation("Next timer schedule at: {Next}", myTimer.ScheduleStatus.Next);
            _ledger.Record("TimerFunction", myTimer.ScheduleStatus.Next, myTimer.IsPastDue);
        }
    }
}
