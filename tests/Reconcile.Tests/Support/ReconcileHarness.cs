using System.Globalization;
using System.Text;
using ImageCacheFunctions.Eci;
using ImageCacheFunctions.Eci.Models;
using ImageCacheFunctions.Emulators.Eci;
using ImageCacheFunctions.Emulators.Kubernetes;
using ImageCacheFunctions.ImageCaches.Kubernetes;
using ImageCacheFunctions.ImageCaches.Operations;
using ImageCacheFunctions.ImageCaches.Operations.Reconcile;
using ImageCacheFunctions.ImageCaches.Resources;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using EciImageCache = ImageCacheFunctions.Eci.Models.ImageCache;
using ImageCache = ImageCacheFunctions.ImageCaches.Resources.ImageCache;
using ImageCacheStatus = ImageCacheFunctions.ImageCaches.Resources.ImageCacheStatus;

namespace ImageCacheFunctions.Reconcile.Tests.Support;

/// <summary>
/// Both emulators on loopback, and "replicas" of the functions' service wiring
/// (AddImageCacheOperations) pointed at them: the production code paths over real HTTP.
/// The ECI emulator's clock is frozen and moved by the test; the functions read it too.
/// </summary>
public sealed class ReconcileHarness : IAsyncDisposable
{
    public const string RegionId = "cn-hangzhou";
    public const string VSwitchId = "vsw-test0001";
    public const string SecurityGroupId = "sg-test0001";

    /// <summary>Long enough for any emulated cache of a few images to finish building.</summary>
    public static readonly TimeSpan BuildTime = TimeSpan.FromMinutes(3);

    private readonly List<ServiceProvider> _replicas = [];
    private readonly string _directory;

    private ReconcileHarness(KubernetesEmulator kubernetes, EciEmulator eci, string directory, string kubeconfig)
    {
        Kubernetes = kubernetes;
        Eci = eci;
        _directory = directory;
        KubeconfigPath = kubeconfig;
    }

    public KubernetesEmulator Kubernetes { get; }

    public EciEmulator Eci { get; }

    public string KubeconfigPath { get; }

    public CrashingStepHook Hook { get; } = new();

    /// <summary>The first replica (created on start).</summary>
    public ServiceProvider Services => _replicas[0];

    public ImageCacheStore Store => Services.GetRequiredService<ImageCacheStore>();

    public IKubernetes Client => Services.GetRequiredService<IKubernetes>();

    public IEciClient EciClient => Services.GetRequiredService<IEciClient>();

    /// <summary>
    /// Starts both emulators. The clock is frozen (moved only by the test) unless
    /// <paramref name="liveClock"/>: a separate function process signs with the real time.
    /// </summary>
    public static async Task<ReconcileHarness> StartAsync(IDictionary<string, string?>? settings = null, int? pageSize = null, bool liveClock = false)
    {
        var clock = liveClock ? EmulatorClock.Live() : EmulatorClock.Frozen(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero));
        var eci = new EciEmulator(new EciEmulatorOptions { Clock = clock, Seed = 7 });
        await eci.StartAsync().ConfigureAwait(false);
        var kubernetes = new KubernetesEmulator(new KubernetesEmulatorOptions { TimeProvider = clock });
        await kubernetes.StartAsync().ConfigureAwait(false);
        var directory = Directory.CreateTempSubdirectory("reconcile-tests-").FullName;
        var kubeconfig = Path.Combine(directory, "kubeconfig");
        kubernetes.WriteKubeconfig(kubeconfig);
        var harness = new ReconcileHarness(kubernetes, eci, directory, kubeconfig);
        harness.AddReplica(harness.Hook, settings, pageSize);
        return harness;
    }

    /// <summary>The configuration a function process gets (environment names with <c>__</c>).</summary>
    public Dictionary<string, string?> Configuration(IDictionary<string, string?>? overrides = null, int? pageSize = null)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Eci:RegionId"] = RegionId,
            ["Eci:Endpoint"] = Eci.BaseUri.ToString(),
            ["Eci:AllowInsecureHttp"] = "true",
            ["Eci:VSwitchId"] = VSwitchId,
            ["Eci:SecurityGroupId"] = SecurityGroupId,
            ["Eci:RetryBaseDelay"] = "00:00:00.010",
            ["Eci:PageSize"] = (pageSize ?? 100).ToString(CultureInfo.InvariantCulture),
            ["Eci:Credentials:AccessKeyId"] = EmulatorTestCredentials.AccessKeyId,
            ["Eci:Credentials:AccessKeySecret"] = EmulatorTestCredentials.AccessKeySecret,
            ["Kubernetes:KubeConfig"] = KubeconfigPath,
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        return values;
    }

    /// <summary>Another independent set of services, as a second function replica would have.</summary>
    public ServiceProvider AddReplica(IReconcileStepHook? hook = null, IDictionary<string, string?>? settings = null, int? pageSize = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Configuration(settings, pageSize)).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Eci.Clock);
        if (hook is not null)
        {
            services.AddSingleton(hook);
        }

        services.AddImageCacheOperations(configuration);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        _replicas.Add(provider);
        return provider;
    }

    public ImageCacheReconciler Reconciler(ServiceProvider? replica = null) =>
        (replica ?? Services).GetRequiredService<ImageCacheReconciler>();

    public Task<ReconcileReport> PassAsync(ServiceProvider? replica = null) =>
        Reconciler(replica).ReconcileAllAsync(ReconcileRequest.All, CancellationToken.None);

    /// <summary>Passes with the ECI clock moved between them, until caches have had time to build.</summary>
    public async Task<ReconcileReport> ConvergeAsync()
    {
        var last = await PassAsync().ConfigureAwait(false);
        for (var i = 0; i < 2; i++)
        {
            Eci.Clock.Advance(BuildTime);
            await PassAsync().ConfigureAwait(false);
            last = await PassAsync().ConfigureAwait(false);
        }

        return last;
    }

    public async Task<ImageCache> CreateAsync(ImageCache cache) => await Store.CreateAsync(cache, CancellationToken.None).ConfigureAwait(false);

    /// <summary>The seed's sample, exactly as deploy/samples has it.</summary>
    public Task<ImageCache> CreateSampleAsync() =>
        CreateAsync(KubernetesYaml.Deserialize<ImageCache>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "imagecache-sample.yaml"))));

    public Task<ImageCache> CreateAsync(string name, params string[] images) =>
        CreateAsync(ImageCache.Create(name, new ImageCacheSpec { Images = images.ToList() }));

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

    /// <summary>Every cache in the ECI emulator (read with the production client).</summary>
    public async Task<List<EciImageCache>> EciCachesAsync()
    {
        var all = new List<EciImageCache>();
        await foreach (var cache in EciClient.DescribeAllImageCachesAsync(new DescribeImageCachesRequest { Limit = 100 }).ConfigureAwait(false))
        {
            all.Add(cache);
        }

        return all;
    }

    /// <summary>Kubernetes Events recorded about one object.</summary>
    public async Task<List<Corev1Event>> EventsAboutAsync(string name)
    {
        var list = await Client.CoreV1.ListNamespacedEventAsync("default").ConfigureAwait(false);
        return list.Items.Where(e => e.InvolvedObject?.Name == name).ToList();
    }

    /// <summary>Calls of one ECI action received so far.</summary>
    public int EciCalls(string action) => Eci.Calls.Of(action).Count;

    public int EciMutations() => Eci.Calls.Snapshot().Count(c => c.Action is "CreateImageCache" or "UpdateImageCache" or "DeleteImageCache");

    /// <summary>Records a refresh as the registry webhook does (status.pendingRefresh, resourceVersion-checked).</summary>
    public async Task RecordRefreshAsync(string name, string image, string digest, string deliveryId)
    {
        var result = await Store.UpdateAsync(name, cache =>
        {
            cache.Status ??= new ImageCacheStatus();
            var refresh = cache.Status.PendingRefresh ?? new PendingRefresh { Reason = "push" };
            refresh.RequestedAt = Eci.Clock.GetUtcNow();
            refresh.DeliveryId = deliveryId;
            refresh.Images ??= new List<PendingRefreshImage>();
            foreach (var old in refresh.Images.Where(i => i.Image == image).ToList())
            {
                refresh.Images.Remove(old);
            }

            refresh.Images.Add(new PendingRefreshImage { Image = image, Digest = digest });
            cache.Status.PendingRefresh = refresh;
            return cache;
        }, CancellationToken.None).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"recording the refresh of {name} failed: {result.Outcome}");
        }
    }

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
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
