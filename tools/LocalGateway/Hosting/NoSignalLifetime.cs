using Microsoft.Extensions.Hosting;

namespace ImageCacheFunctions.LocalGateway.Hosting;

/// <summary>
/// Replaces the console lifetime: the gateway owns SIGINT/SIGTERM so that it can stop the
/// function processes before the web host goes away.
/// </summary>
internal sealed class NoSignalLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
