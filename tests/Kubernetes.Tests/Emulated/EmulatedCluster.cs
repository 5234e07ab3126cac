using ImageCacheFunctions.Emulators.Kubernetes;
using ImageCacheFunctions.ImageCaches.Kubernetes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ImageCacheFunctions.Kubernetes.Tests.Emulated;

/// <summary>
/// The Kubernetes API emulator on loopback plus the production wiring pointed at it through a
/// kubeconfig (AddImageCacheKubernetes with RequireExplicitConfig, as the local gateway does).
/// </summary>
internal sealed class EmulatedCluster : IAsyncDisposable
{
    private readonly string kubeconfigPath = Path.Combine(Path.GetTempPath(), $"c2-emulator-{Guid.NewGuid():N}.kubeconfig");
    private ServiceProvider? services;

    private EmulatedCluster(KubernetesEmulator emulator) => Emulator = emulator;

    public KubernetesEmulator Emulator { get; }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2024, 6, 1, 8, 0, 0, TimeSpan.Zero));

    public IServiceProvider Services => services ?? throw new InvalidOperationException("not started");

    public IKubernetes Client => Services.GetRequiredService<KubernetesConnection>().Client;

    public ImageCacheStore Store => Services.GetRequiredService<ImageCacheStore>();

    public ImagePullSecretResolver Secrets => Services.GetRequiredService<ImagePullSecretResolver>();

    public ImageCacheEventRecorder Events => Services.GetRequiredService<ImageCacheEventRecorder>();

    public static async Task<EmulatedCluster> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var cluster = new EmulatedCluster(new KubernetesEmulator(new KubernetesEmulatorOptions()));
        await cluster.Emulator.StartAsync(CancellationToken.None);
        cluster.Emulator.WriteKubeconfig(cluster.kubeconfigPath);

        var values = new Dictionary<string, string?>
        {
            ["Kubernetes:KubeConfig"] = cluster.kubeconfigPath,
            ["Kubernetes:RequireExplicitConfig"] = "true",
            ["Kubernetes:RequestTimeout"] = "00:00:30",
            ["Kubernetes:ReportingInstance"] = "test-replica",
        };
        foreach (var (key, value) in settings ?? [])
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        cluster.services = new ServiceCollection()
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddSingleton<TimeProvider>(cluster.Clock)
            .AddImageCacheKubernetes(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        return cluster;
    }

    /// <summary>Creates a Secret the way kubectl would (core/v1 over HTTP).</summary>
    public Task<V1Secret> CreateSecretAsync(string ns, string name, string type, string key, string content) =>
        Client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret
            {
                Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
                Type = type,
                Data = new Dictionary<string, byte[]> { [key] = System.Text.Encoding.UTF8.GetBytes(content) },
            },
            ns);

    public async ValueTask DisposeAsync()
    {
        if (services is not null)
        {
            await services.DisposeAsync();
        }

        await Emulator.DisposeAsync();
        File.Delete(kubeconfigPath);
    }
}
