using Microsoft.Extensions.Hosting;

namespace ImageCacheFunctions.Emulators.Kubernetes;

/// <summary>
/// The emulator lives inside someone else's process (a test run, the local gateway): it must
/// not take over Ctrl+C or SIGTERM the way a console host's lifetime does. The owner stops it
/// with DisposeAsync.
/// </summary>
internal sealed class EmbeddedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
