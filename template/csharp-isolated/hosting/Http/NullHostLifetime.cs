using Microsoft.Extensions.Hosting;

namespace OpenFaaS.Functions.Worker.Http;

/// <summary>
/// The lifetime of the inner web application: it has none of its own. The function host's
/// lifetime owns SIGTERM and stops the web application from its own StopAsync.
/// </summary>
internal sealed class NullHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
