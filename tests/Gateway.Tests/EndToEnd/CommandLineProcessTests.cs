using ImageCacheFunctions.LocalGateway.Tests.Infrastructure;

namespace ImageCacheFunctions.LocalGateway.Tests.EndToEnd;

/// <summary>A bad command line stops the gateway before it starts anything, with a clear message.</summary>
[Collection(SlowProcesses.Name)]
public sealed class CommandLineProcessTests : IDisposable
{
    private readonly TempDirectory _directory = new("gateway-options");

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("--port abc", "--port")]
    [InlineData("--bogus", "--bogus")]
    [InlineData("--eci-endpoint not-a-url", "--eci-endpoint")]
    [InlineData("--functions nope", "--functions: not in")]
    [InlineData("--stack {dir}/absent.yml", "stack file not found")]
    public async Task Exits_non_zero_and_says_what_is_wrong(string arguments, string expected)
    {
        var stack = EchoStack.Write(_directory);
        var args = arguments.Replace("{dir}", _directory.Path, StringComparison.Ordinal).Split(' ').ToList();
        if (!args.Contains("--stack"))
        {
            args.AddRange(["--stack", stack]);
        }

        args.AddRange(["--state-dir", _directory.Combine("state"), "--port", "0"]);

        await using var gateway = GatewayProcess.Start([.. args]);

        var exit = await gateway.WaitForExitAsync();
        Assert.NotEqual(0, exit);
        Assert.Contains(gateway.Lines, l => l.Contains(expected, StringComparison.Ordinal));
        Assert.False(Directory.Exists(_directory.Combine("state", "build")), "nothing should have been built");
    }
}
