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
            "--runs", "2", "--requests", "20", "--warmup", "5");

        await bench.WaitForLineAsync("added by the gateway", GatewayProcess.StartBound);
        Assert.Equal(0, await bench.WaitForExitAsync());
        Assert.Contains(bench.Lines, l => l.StartsWith("cold start", StringComparison.Ordinal) && l.Contains("(n=2)", StringComparison.Ordinal));
        Assert.Contains(bench.Lines, l => l.Contains("direct", StringComparison.Ordinal) && l.Contains("(n=20)", StringComparison.Ordinal));
    }
}
