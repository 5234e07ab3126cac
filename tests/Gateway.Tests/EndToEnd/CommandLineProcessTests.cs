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

    [Fact]
    public async Task A_function_that_does_not_compile_stops_the_gateway_with_the_compiler_error()
    {
        _directory.WriteFile("broken/Broken.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
            </Project>
            """);
        _directory.WriteFile("broken/Program.cs", "System.Console.WriteLine(\"no semicolon\")\n");
        var stack = _directory.WriteFile("stack.yml", """
            functions:
              broken:
                lang: csharp-isolated
                handler: ./broken
                image: broken
            """);

        await using var gateway = GatewayProcess.Start(
            "--stack", stack, "--state-dir", _directory.Combine("state"), "--port", "0", "--kubeconfig", stack);

        Assert.Equal(1, await gateway.WaitForExitAsync());
        Assert.Contains(gateway.Lines, l => l.Contains("dotnet build failed", StringComparison.Ordinal));
        Assert.Contains(gateway.Lines, l => l.Contains("CS1002", StringComparison.Ordinal) && l.Contains("Program.cs", StringComparison.Ordinal));
    }
}
