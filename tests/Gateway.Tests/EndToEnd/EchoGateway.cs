using ImageCacheFunctions.LocalGateway.Tests.Infrastructure;

namespace ImageCacheFunctions.LocalGateway.Tests.EndToEnd;

/// <summary>
/// A gateway process serving two stand-in functions (EchoFunction/), with a kubeconfig given
/// on the command line (a "real cluster" that is never called) and the embedded ECI emulator.
/// </summary>
public sealed class EchoGateway : IAsyncLifetime
{
    private readonly TempDirectory _directory = new("echo-gateway");

    internal GatewayProcess Gateway { get; private set; } = null!;

    internal Dictionary<string, int> Pids { get; private set; } = null!;

    internal string StateDirectory => _directory.Combine("state");

    internal string Kubeconfig => _directory.Combine("kubeconfig");

    internal string StackFile { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        StackFile = EchoStack.Write(_directory);
        _directory.WriteFile("kubeconfig", "apiVersion: v1\nkind: Config\n");
        (Gateway, Pids) = await GatewayProcess.StartReadyAsync(
            "--stack", StackFile, "--state-dir", StateDirectory, "--port", "0", "--no-cron", "--kubeconfig", Kubeconfig);
    }

    public async Task DisposeAsync()
    {
        if (Gateway is not null)
        {
            await Gateway.DisposeAsync();
        }

        _directory.Dispose();
    }
}
