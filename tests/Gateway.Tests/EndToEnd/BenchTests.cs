using ImageCacheFunctions.LocalGateway.Tests.Infrastructure;

namespace ImageCacheFunctions.LocalGateway.Tests.EndToEnd;

/// <summary>The bench script runs and prints its numbers (their values are for people, not asserts).</summary>
[Collection(SlowProcesses.Name)]
public sealed class BenchTests(EchoState state)
{
    [Fact]
    public async Task Prints_cold_start_and_added_latency()
    {
        // The echo tests' state folder: the bench builds into <state>/build as the gateway does.
        await using var bench = GatewayProcess.Start(
            "bench", "--stack", state.StackFile, "--state-dir", state.StateDirectory, "--function", EchoStack.Second,
            "--runs", "2", "--requests", "20", "--warmup", "5", "--no-aot", "--as-built", "--reconcile-caches", "20", "--prune-caches", "1000");

        await bench.WaitForLineAsync("| what | figure |", GatewayProcess.StartBound);
        Assert.Equal(0, await bench.WaitForExitAsync());
        // Each figure stands beside its anchor measured in the same run (the bare host for a cold
        // start, the direct call for the gateway's added latency).
        Assert.Contains(bench.Lines, l => l.StartsWith("bench: cold start echo-two", StringComparison.Ordinal)
            && l.Contains("(median of 2)", StringComparison.Ordinal) && l.Contains("anchor", StringComparison.Ordinal) && l.Contains("bare host", StringComparison.Ordinal));
        Assert.Contains(bench.Lines, l => l.StartsWith("bench: gateway added latency", StringComparison.Ordinal)
            && l.Contains("20 sequential requests", StringComparison.Ordinal) && l.Contains("anchor direct", StringComparison.Ordinal));
        // The converged reconcile pass over its own emulators: no write, one Describe page, beside the reads alone.
        Assert.Contains(bench.Lines, l => l.StartsWith("bench: reconcile converged pass, 20 caches", StringComparison.Ordinal)
            && l.Contains("1 Describe; 0 writes; 0 mutations", StringComparison.Ordinal) && l.Contains("anchor the reads alone", StringComparison.Ordinal));
    }
}
