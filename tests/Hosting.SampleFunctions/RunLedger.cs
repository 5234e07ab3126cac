using System.Collections.Concurrent;

namespace ImageCacheFunctions.Hosting.SampleFunctions;

/// <summary>Timer runs recorded by the sample's timer functions, read back through the ledger function.</summary>
public sealed class RunLedger
{
    private readonly ConcurrentQueue<TimerRun> _runs = new();

    public void Record(string function, DateTime next, bool isPastDue) => _runs.Enqueue(new TimerRun(function, next, isPastDue));

    public IReadOnlyList<TimerRun> Runs => [.. _runs];
}

public sealed record TimerRun(string Function, DateTime Next, bool IsPastDue);
