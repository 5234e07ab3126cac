using ImageCacheFunctions.Emulators.Kubernetes;
using ImageCacheFunctions.LocalGateway.Hosting;
using Microsoft.Extensions.Logging;

namespace ImageCacheFunctions.LocalGateway.Backends;

/// <summary>
/// The Kubernetes API emulator on a loopback port: objects persisted in the state folder,
/// the CRDs of deploy/crd/ beside stack.yml applied at start, and a kubeconfig written so
/// that kubectl and the functions reach it.
/// </summary>
internal static class EmbeddedKubernetes
{
    public static async Task<Uri> StartAsync(GatewaySettings settings, List<IAsyncDisposable> owned, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(owned);
        var crdFolder = Path.Combine(Path.GetDirectoryName(settings.StackFile)!, "deploy", "crd");
        var crds = Directory.Exists(crdFolder)
            ? Directory.EnumerateFiles(crdFolder).Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList()
            : null;
        var emulator = new KubernetesEmulator(new KubernetesEmulatorOptions
        {
            PersistencePath = settings.KubernetesStateFile,
            CrdPaths = crds,
        });
        owned.Add(emulator);
        Uri url;
        try
        {
            url = await emulator.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or FormatException or InvalidOperationException or System.Text.Json.JsonException)
        {
            throw new BackendException($"the Kubernetes API emulator did not start ({settings.KubernetesStateFile}): {e.Message}", e);
        }

        emulator.WriteKubeconfig(settings.EffectiveKubeconfig);
        logger.LogInformation(
            "Kubernetes API emulator listening on {Url} ({Crds} CRD file(s), state {State})",
            url, crds?.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "default", settings.KubernetesStateFile);
        return url;
    }
}
