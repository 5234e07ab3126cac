using System.Text;
using System.Text.Json.Nodes;
using ImageCacheFunctions.Emulators.Kubernetes;
using ImageCacheFunctions.ImageCaches.Kubernetes;
using ImageCacheFunctions.ImageCaches.Operations.Api;
using ImageCacheFunctions.ImageCaches.Resources;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImageCacheFunctions.Api.Tests.Support;

/// <summary>
/// The Kubernetes API emulator on loopback and the function's own wiring (AddImageCacheApi)
/// pointed at it through a kubeconfig: every call goes through the real KubernetesClient.
/// </summary>
internal sealed class ApiHarness : IAsyncDisposable
{
    private readonly string _directory;
    private ServiceProvider? _services;

    private ApiHarness(KubernetesEmulator emulator, string directory)
    {
        Emulator = emulator;
        _directory = directory;
        KubeconfigPath = Path.Combine(directory, "kubeconfig");
    }

    /// <summary>The built imagecache-api function, copied beside the tests.</summary>
    public static string FunctionApp => Path.Combine(AppContext.BaseDirectory, "imagecache-api", "ImageCacheApi.dll");

    public KubernetesEmulator Emulator { get; }

    public string KubeconfigPath { get; }

    public string Directory => _directory;

    public IServiceProvider Services => _services ?? throw new InvalidOperationException("not started");

    public ImageCacheStore Store => Services.GetRequiredService<ImageCacheStore>();

    public IKubernetes Client => Services.GetRequiredService<KubernetesConnection>().Client;

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Starts the emulator and the services; <paramref name="clock"/> replaces the system clock.</summary>
    public static async Task<ApiHarness> StartAsync(IDictionary<string, string?>? settings = null, TimeProvider? clock = null)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("api-tests-").FullName;
        var harness = new ApiHarness(new KubernetesEmulator(new KubernetesEmulatorOptions()), directory);
        await harness.Emulator.StartAsync();
        harness.Emulator.WriteKubeconfig(harness.KubeconfigPath);

        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Kubernetes:KubeConfig"] = harness.KubeconfigPath,
            ["Kubernetes:RequireExplicitConfig"] = "true",
            ["OPENFAAS_SECRETS_DIR"] = directory,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection().AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }

        harness._services = services
            .AddImageCacheApi(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return harness;
    }

    /// <summary>Creates an ImageCache as kubectl would, then writes the status reconcile would have written.</summary>
    public async Task<ImageCache> CreateCacheAsync(ImageCache cache)
    {
        var status = cache.Status;
        var created = await Store.CreateAsync(ImageCache.Create(cache.Metadata.Name, cache.Spec), CancellationToken.None);
        if (status is null)
        {
            return created;
        }

        return await WriteStatusAsync(cache.Metadata.Name, status);
    }

    public async Task<ImageCache> WriteStatusAsync(string name, ImageCacheStatus status)
    {
        var current = await Store.GetAsync(name, CancellationToken.None) ?? throw new InvalidOperationException($"imagecache {name} not found");
        current.Status = status;
        return await Store.ReplaceStatusAsync(current, CancellationToken.None);
    }

    public Task CreateDockerSecretAsync(string ns, string name, string server = "https://index.docker.io/v1/")
    {
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes("user:password"));
        var json = new JsonObject { ["auths"] = new JsonObject { [server] = new JsonObject { ["auth"] = auth } } }.ToJsonString();
        return Client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret
            {
                Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
                Type = "kubernetes.io/dockerconfigjson",
                Data = new Dictionary<string, byte[]> { [".dockerconfigjson"] = Encoding.UTF8.GetBytes(json) },
            },
            ns);
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await Emulator.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
