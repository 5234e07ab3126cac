using System.Globalization;
using System.Text;
using ImageCacheFunctions.Eci;
using ImageCacheFunctions.Eci.Models;
using ImageCacheFunctions.Emulators.Eci;
using ImageCacheFunctions.Emulators.Kubernetes;
using ImageCacheFunctions.ImageCaches.Kubernetes;
using ImageCacheFunctions.ImageCaches.Operations.Reconcile;
using ImageCacheFunctions.ImageCaches.Resources;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using EciImageCache = ImageCacheFunctions.Eci.Models.ImageCache;
using ImageCache = ImageCacheFunctions.ImageCaches.Resources.ImageCache;

namespace ImageCacheFunctions.Tests.Support;

/// <summary>
/// Both emulators on loopback (ECI, and Kubernetes on the ECI emulator's clock unless a test
/// says otherwise), a temporary folder with a kubeconfig for them, the configuration a function
/// gets, and in-process "replicas" of a function's own service wiring pointed at them: the
/// production code paths over real HTTP through KubernetesClient and the ECI client. Each
/// feature's test project derives its harness from this one and adds its own operation.
/// </summary>
public abstract class EmulatorHarness : IAsyncDisposable
{
    public const string RegionId = "cn-hangzhou";
    public const string VSwitchId = "vsw-test0001";
    public const string SecurityGroupId = "sg-test0001";

    /// <summary>Long enough for any emulated cache of a few images to finish building or updating.</summary>
    public static readonly TimeSpan BuildTime = TimeSpan.FromMinutes(3);

    /// <summary>Where a frozen ECI clock starts.</summary>
    public static readonly DateTimeOffset FrozenStart = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly List<ServiceProvider> _replicas = [];

    protected EmulatorHarness(Emulated emulated)
    {
        ArgumentNullException.ThrowIfNull(emulated);
        Kubernetes = emulated.Kubernetes;
        Eci = emulated.Eci;
        Directory = emulated.Directory;
        KubeconfigPath = Path.Combine(Directory, "kubeconfig");
        Kubernetes.WriteKubeconfig(KubeconfigPath);
    }

    public KubernetesEmulator Kubernetes { get; }

    public EciEmulator Eci { get; }

    /// <summary>The harness's temporary folder (kubeconfig, sources and secret files); deleted on dispose.</summary>
    public string Directory { get; }

    public string KubeconfigPath { get; }

    /// <summary>The first replica.</summary>
    public ServiceProvider Services => _replicas.Count > 0 ? _replicas[0] : AddReplica();

    public ImageCacheStore Store => Services.GetRequiredService<ImageCacheStore>();

    public IKubernetes Client => Services.GetRequiredService<KubernetesConnection>().Client;

    public IEciClient EciClient => Services.GetRequiredService<IEciClient>();

    /// <summary>Starts both emulators. <paramref name="kubernetesOnEciClock"/>: the Kubernetes emulator's timestamps follow the ECI clock.</summary>
    protected static async Task<Emulated> StartEmulatorsAsync(string name, EciEmulatorOptions eci, bool kubernetesOnEciClock = true)
    {
        ArgumentNullException.ThrowIfNull(eci);
        var eciEmulator = new EciEmulator(eci);
        await eciEmulator.StartAsync().ConfigureAwait(false);
        var kubernetes = new KubernetesEmulator(kubernetesOnEciClock ? new KubernetesEmulatorOptions { TimeProvider = eciEmulator.Clock } : new KubernetesEmulatorOptions());
        await kubernetes.StartAsync().ConfigureAwait(false);
        return new Emulated(kubernetes, eciEmulator, System.IO.Directory.CreateTempSubdirectory(name + "-").FullName);
    }

    /// <summary>
    /// The configuration a function gets (configuration keys; <see cref="FunctionProcess"/> turns
    /// them into environment names): the emulators, then <see cref="Defaults"/>, then <paramref name="overrides"/>.
    /// </summary>
    public Dictionary<string, string?> Configuration(IDictionary<string, string?>? overrides = null)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Eci:RegionId"] = RegionId,
            ["Eci:Endpoint"] = Eci.BaseUri.ToString(),
            ["Eci:AllowInsecureHttp"] = "true",
            ["Eci:VSwitchId"] = VSwitchId,
            ["Eci:SecurityGroupId"] = SecurityGroupId,
            ["Eci:RetryBaseDelay"] = "00:00:00.010",
            ["Eci:Credentials:AccessKeyId"] = EmulatorTestCredentials.AccessKeyId,
            ["Eci:Credentials:AccessKeySecret"] = EmulatorTestCredentials.AccessKeySecret,
            ["Kubernetes:KubeConfig"] = KubeconfigPath,
        };
        foreach (var (key, value) in Defaults().Concat(overrides ?? new Dictionary<string, string?>()))
        {
            values[key] = value;
        }

        return values;
    }

    /// <summary>Another independent set of services, as another function replica would have.</summary>
    /// <param name="configure">Registrations made before the function's own (a step hook, a clock).</param>
    public ServiceProvider AddReplica(IDictionary<string, string?>? overrides = null, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Configuration(overrides)).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(FunctionClock);
        configure?.Invoke(services);
        AddFunction(services, configuration);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        _replicas.Add(provider);
        return provider;
    }

    public ImageCacheReconciler Reconciler(ServiceProvider? replica = null) =>
        (replica ?? Services).GetRequiredService<ImageCacheReconciler>();

    public Task<ReconcileReport> PassAsync(ServiceProvider? replica = null) =>
        Reconciler(replica).ReconcileAllAsync(ReconcileRequest.All, CancellationToken.None);

    /// <summary>Reconciles one object (finalizer, create, status), as reconcile-status would.</summary>
    public Task<ObjectReconcileResult> ReconcileAsync(string name) => Reconciler().ReconcileAsync(name, CancellationToken.None);

    /// <summary>Passes with the clocks moved between them, until caches have had time to build.</summary>
    public async Task<ReconcileReport> ConvergeAsync()
    {
        var last = await PassAsync().ConfigureAwait(false);
        for (var i = 0; i < 2; i++)
        {
            Advance(BuildTime);
            await PassAsync().ConfigureAwait(false);
            last = await PassAsync().ConfigureAwait(false);
        }

        return last;
    }

    /// <summary>Moves the emulators' clock (and the function's, where a harness keeps its own).</summary>
    public virtual void Advance(TimeSpan by) => Eci.Clock.Advance(by);

    public async Task<ImageCache> CreateAsync(ImageCache cache) => await Store.CreateAsync(cache, CancellationToken.None).ConfigureAwait(false);

    public Task<ImageCache> CreateAsync(string name, params string[] images) =>
        CreateAsync(ImageCache.Create(name, new ImageCacheSpec { Images = images.ToList() }));

    /// <summary>The seed's sample, exactly as deploy/samples has it (copied beside the tests).</summary>
    public static ImageCache Sample() =>
        KubernetesYaml.Deserialize<ImageCache>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "imagecache-sample.yaml")));

    /// <summary>The three secrets the sample names, each with a Docker Hub login.</summary>
    public async Task CreateSampleSecretsAsync()
    {
        foreach (var (ns, name) in new[] { ("default", "secret1"), ("default", "secret2"), ("kube-system", "secret3") })
        {
            await CreateDockerSecretAsync(ns, name, "https://index.docker.io/v1/", "sample-user", "sample-password").ConfigureAwait(false);
        }
    }

    public Task CreateDockerSecretAsync(string ns, string name, string server, string user, string password)
    {
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));
        var json = new System.Text.Json.Nodes.JsonObject
        {
            ["auths"] = new System.Text.Json.Nodes.JsonObject { [server] = new System.Text.Json.Nodes.JsonObject { ["auth"] = auth } },
        }.ToJsonString();
        var secret = new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
            Type = "kubernetes.io/dockerconfigjson",
            Data = new Dictionary<string, byte[]> { [".dockerconfigjson"] = Encoding.UTF8.GetBytes(json) },
        };
        return Client.CoreV1.CreateNamespacedSecretAsync(secret, ns);
    }

    public async Task<ImageCache> GetAsync(string name) =>
        await Store.GetAsync(name, CancellationToken.None).ConfigureAwait(false) ?? throw new InvalidOperationException($"imagecache {name} not found");

    public Task<ImageCache?> FindAsync(string name) => Store.GetAsync(name, CancellationToken.None);

    public async Task<List<ImageCache>> ListAsync(string? labelSelector = null)
    {
        var all = new List<ImageCache>();
        await foreach (var cache in Store.ListAsync(labelSelector, CancellationToken.None).ConfigureAwait(false))
        {
            all.Add(cache);
        }

        return all;
    }

    /// <summary>Every cache in the ECI emulator (read with the production client).</summary>
    public Task<List<EciImageCache>> EciCachesAsync() => EciClient.AllAsync();

    public async Task<EciImageCache?> EciCacheAsync(string id) =>
        (await EciCachesAsync().ConfigureAwait(false)).FirstOrDefault(c => c.ImageCacheId == id);

    /// <summary>Kubernetes Events recorded about one object.</summary>
    public async Task<List<Corev1Event>> EventsAboutAsync(string name)
    {
        var list = await Client.CoreV1.ListNamespacedEventAsync("default").ConfigureAwait(false);
        return list.Items.Where(e => e.InvolvedObject?.Name == name).ToList();
    }

    /// <summary>Calls of one ECI action received so far.</summary>
    public int EciCalls(string action) => Eci.Calls.Of(action).Count;

    public int EciMutations() => Eci.Calls.Snapshot().Count(c => c.Action is "CreateImageCache" or "UpdateImageCache" or "DeleteImageCache");

    public static string Days(int days) => days.ToString(CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in _replicas)
        {
            await replica.DisposeAsync().ConfigureAwait(false);
        }

        await Kubernetes.DisposeAsync().ConfigureAwait(false);
        await Eci.DisposeAsync().ConfigureAwait(false);
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>The clock the in-process function reads (the ECI emulator's by default).</summary>
    protected virtual TimeProvider FunctionClock => Eci.Clock;

    /// <summary>The feature's own configuration defaults, over the emulators' and under a test's overrides.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Defaults() => [];

    /// <summary>The function's own wiring (e.g. <c>AddImageCachePruning</c>).</summary>
    protected abstract void AddFunction(IServiceCollection services, IConfiguration configuration);

    /// <summary>The emulators and the folder a harness starts with.</summary>
    protected sealed record Emulated(KubernetesEmulator Kubernetes, EciEmulator Eci, string Directory);
}
