using ImageCacheFunctions.LocalGateway.Hosting;
using Microsoft.Extensions.Logging;

namespace ImageCacheFunctions.LocalGateway.Backends;

/// <summary>
/// Kubernetes and ECI for the functions: the embedded emulators on loopback by default, a
/// real cluster with --kubeconfig, real ECI with --eci-endpoint (the two mix freely).
/// </summary>
internal sealed class LocalBackends : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];

    private LocalBackends()
    {
    }

    public BackendEndpoints Endpoints { get; private set; } = null!;

    public static async Task<LocalBackends> StartAsync(GatewaySettings settings, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var backends = new LocalBackends();
        try
        {
            Uri? kubernetes = null;
            if (settings.Kubeconfig is null)
            {
                kubernetes = await EmbeddedKubernetes.StartAsync(settings, backends._owned, logger, cancellationToken).ConfigureAwait(false);
            }

            Uri? eci = settings.EciEndpoint;
            string? keyId = null;
            string? keySecret = null;
            if (eci is null)
            {
                (eci, keyId, keySecret) = await EmbeddedEci.StartAsync(settings.EciRegion, backends._owned, logger, cancellationToken).ConfigureAwait(false);
            }

            backends.Endpoints = new BackendEndpoints(settings.EffectiveKubeconfig, kubernetes, eci, settings.EciRegion, keyId, keySecret);
            return backends;
        }
        catch
        {
            await backends.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync().ConfigureAwait(false);
        }

        _owned.Clear();
    }
}
