using ImageCacheFunctions.LocalGateway.Tests.Infrastructure;

namespace ImageCacheFunctions.LocalGateway.Tests.EndToEnd;

/// <summary>
/// A gateway process serving two stand-in functions (EchoFunction/), with a kubeconfig given
/// on the command line (a "real cluster" that is never called) and the embedded ECI emulator.
/// </summary>
public sealed class EchoGateway(EchoState state) : IAsyncLifetime
{
    internal GatewayProcess Gateway { get; private set; } = null!;

    internal Dictionary<string, int> Pids { get; private set; } = null!;

    internal string StateDirectory => state.StateDirectory;

    internal string Kubeconfig => state.Kubeconfig;

    internal string StackFile => state.StackFile;

    public async Task InitializeAsync() =>
        (Gateway, Pids) = await GatewayProcess.StartReadyAsync(
            "--stack", StackFile, "--state-dir", StateDirectory, "--port", "0", "--no-cron", "--kubeconfig", Kubeconfig);

    public async Task DisposeAsync()
    {
        if (Gateway is not null)
        {
            await Gateway.DisposeAsync();
        }
    }
}
