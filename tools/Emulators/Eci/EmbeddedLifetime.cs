using Microsoft.Extensions.Hosting;

namespace ImageCacheFunctions.Emulators.Eci;

/// <summary>
/// The emulator lives inside someone else's process (a test run, the local gateway, the CLI):
/// it must not take over Ctrl+C or SIGTERM the way a console host's lifetime does (that one
/// cancels the process's termination and leaves its owner waiting). The owner stops it with
/// DisposeAsync. Same as the Kubernetes emulator's.
/// </summary>
internal sealed class EmbeddedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
