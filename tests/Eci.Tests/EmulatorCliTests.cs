using System.Globalization;
using ImageCacheFunctions.Tests.Support;

namespace ImageCacheFunctions.Eci.Tests;

/// <summary>
/// `dotnet run --project tools/Emulators/Cli -- eci|kubernetes` runs in the foreground until a
/// process manager (or Ctrl+C) stops it: SIGTERM ends it promptly with exit code 0.
/// </summary>
public sealed class EmulatorCliTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private readonly string _directory = Directory.CreateTempSubdirectory("emulator-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("eci", "ECI emulator on http://127.0.0.1:")]
    [InlineData("kubernetes", "Kubernetes API emulator on http://127.0.0.1:")]
    public async Task Sigterm_stops_the_emulator_with_exit_code_0(string emulator, string listening)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "Emulators.dll");
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var process = ChildProcess.Start(
            "dotnet",
            [cli, emulator, "--port", "0", .. emulator == "kubernetes" ? new[] { "--kubeconfig", Path.Combine(_directory, "kubeconfig") } : []],
            _directory,
            new Dictionary<string, string?> { ["DOTNET_NOLOGO"] = "1" },
            line =>
            {
                if (line.StartsWith(listening, StringComparison.Ordinal))
                {
                    started.TrySetResult();
                }
            });
        await Task.WhenAny(started.Task, process.Exited).WaitAsync(Bound);
        Assert.True(started.Task.IsCompleted, $"the {emulator} emulator did not start:\n{string.Join('\n', process.Output)}");

        using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(Bound);
        var exit = await process.WaitForExitAsync(timeout.Token);
        Assert.Equal(0, exit);
    }
}
