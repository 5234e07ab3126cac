using ImageCacheFunctions.LocalGateway.Tests.Infrastructure;

namespace ImageCacheFunctions.LocalGateway.Tests.EndToEnd;

/// <summary>The bench script runs and prints its numbers (their values are for people, not asserts).</summary>
[Collection(SlowProcesses.Name)]
public sealed class BenchTests : IDisposable
{
    private readonly TempDirectory _directory = new("gateway-bench");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Prints_cold_start_and_added_latency()
    {
        var stack = EchoStack.Write(_directory);

        await using var bench = GatewayProcess.Start(
            "bench", "--stack", stack, "--state-dir", _directory.Combine("state"), "--function", EchoStack.Second,
            "--runs", "2", "--requests", "20", "--warmup", "5");

        await bench.WaitForLineAsync("added by the gateway", GatewayProcess.StartBound);
        Assert.Equal(0, await bench.WaitForExitAsync());
        Assert.Contains(bench.Lines, l => l.StartsWith("cold start", StringComparison.Ordinal) && l.Contains("(n=2)", StringComparison.Ordinal));
        Assert.Contains(bench.Lines, l => l.Contains("direct", StringComparison.Ordinal) && l.Contains("(n=20)", StringComparison.Ordinal));
    }
}
