using System.Diagnostics;

namespace ImageCacheFunctions.LocalGateway.Bench;

/// <summary>A bounded load: <c>requests</c> calls from <c>concurrency</c> workers, each call timed.</summary>
internal sealed record LoadResult(LatencySamples Latency, TimeSpan Elapsed, int Requests, int Failures)
{
    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;
}

internal static class LoadRun
{
    /// <summary>Runs <paramref name="call"/> (one request; true when it got the answer expected) <paramref name="requests"/> times, <paramref name="concurrency"/> at once.</summary>
    public static async Task<LoadResult> RunAsync(int requests, int concurrency, Func<int, CancellationToken, Task<bool>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var latency = new LatencySamples();
        var gate = new Lock();
        var next = -1;
        var failures = 0;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests)
            {
                var one = Stopwatch.GetTimestamp();
                var ok = await call(i, cancellationToken).ConfigureAwait(false);
                var elapsed = Stopwatch.GetElapsedTime(one);
                lock (gate)
                {
                    latency.Add(elapsed);
                }

                if (!ok)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }, cancellationToken))).ConfigureAwait(false);
        return new LoadResult(latency, Stopwatch.GetElapsedTime(started), requests, failures);
    }
}
