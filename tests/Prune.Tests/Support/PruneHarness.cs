using System.Globalization;
using System.Text;
using ImageCacheFunctions.Eci;
using ImageCacheFunctions.Eci.Models;
using ImageCacheFunctions.Emulators.Eci;
using ImageCacheFunctions.Emulators.Kubernetes;
using ImageCacheFunctions.ImageCaches.Kubernetes;
using ImageCacheFunctions.ImageCaches.Operations.Prune;
using ImageCacheFunctions.ImageCaches.Operations.Reconcile;
using ImageCacheFunctions.ImageCaches.Resources;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using EciImageCache = ImageCacheFunctions.Eci.Models.ImageCache;
using ImageCache = ImageCacheFunctions.ImageCaches.Resources.ImageCache;

namespace ImageCacheFunctions.Prune.Tests.Support;

/// <summary>
/// Both emulators on loopback and the functions' service wiring (AddImageCachePruning) pointed at
/// them, so every call goes over real HTTP through KubernetesClient and the ECI client. Two
/// clocks, advanced together: the ECI emulator's (cache lifecycles, expiry; the Kubernetes
/// emulator follows it) and a FakeTimeProvider for the function side.
/// </summary>
public sealed class PruneHarness : IAsyncDisposable
{
    public const string RegionId = "cn-hangzhou";

    /// <summary>Long enough for an emulated cache of a few images to finish building.</summary>
    public static readonly TimeSpan BuildTime = TimeSpan.FromMinutes(3);

    /// <summary>The default clock-skew margin (Prune:ClockSkewMargin).</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromMinutes(5);

    private readonly string _directory;
    private readonly ServiceProvider _services;

    private PruneHarness(KubernetesEmulator kubernetes, EciEmulator eci, FakeTimeProvider time, string directory, string kubeconfig, IDictionary<string, string?>? settings)
    {
        Kubernetes = kubernetes;
        Eci = eci;
        Time = time;
        _directory = directory;
        KubeconfigPath = kubeconfig;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Configuration(settings)).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(time);
        services.AddImageCachePruning(configuration);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public KubernetesEmulator Kubernetes { get; }

    public EciEmulator Eci { get; }

    /// <summary>The function side's clock.</summary>
    public FakeTimeProvider Time { get; }

    public string KubeconfigPath { get; }

    public ImageCacheStore Store => _services.GetRequiredService<ImageCacheStore>();

    public IKubernetes Client => _services.GetRequiredService<IKubernetes>();

    public IEciClient EciClient => _services.GetRequiredService<IEciClient>();

    public ImageCachePruner Pruner => _services.GetRequiredService<ImageCachePruner>();

    public ImageCacheReconciler Reconciler => _services.GetRequiredService<ImageCacheReconciler>();

    /// <param name="settings">Configuration overrides (e.g. <c>Prune:MaxDeletionsPerRun</c>).</param>
    /// <param name="liveClock">The ECI emulator follows the system clock (for a function process, which has no fake clock).</param>
    public static async Task<PruneHarness> StartAsync(IDictionary<string, string?>? settings = null, bool liveClock = false)
    {
        var start = new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);
        var clock = liveClock ? EmulatorClock.Live() : EmulatorClock.Frozen(start);
        var eci = new EciEmulator(new EciEmulatorOptions { Clock = clock, Seed = 11 });
        await eci.StartAsync().ConfigureAwait(false);
        var kubernetes = new KubernetesEmulator(new KubernetesEmulatorOptions { TimeProvider = clock });
        await kubernetes.StartAsync().ConfigureAwait(false);
        var directory = Directory.CreateTempSubdirectory("prune-tests-").FullName;
        var kubeconfig = Path.Combine(directory, "kubeconfig");
        kubernetes.WriteKubeconfig(kubeconfig);
        return new PruneHarness(kubernetes, eci, new FakeTimeProvider(clock.GetUtcNow()), directory, kubeconfig, settings);
    }

    /// <summary>The configuration a function process gets (as environment variables: <c>:</c> → <c>__</c>).</summary>
    public Dictionary<string, string?> Configuration(IDictionary<string, string?>? overrides = null)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Eci:RegionId"] = RegionId,
            ["Eci:Endpoint"] = Eci.BaseUri.ToString(),
            ["Eci:AllowInsecureHttp"] = "true",
            ["Eci:VSwitchId"] = "vsw-prune0001",
            ["Eci:SecurityGroupId"] = "sg-prune0001",
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

    /// <summary>Moves both clocks.</summary>
    public void Advance(TimeSpan by)
    {
        Eci.Clock.Advance(by);
        Time.Advance(by);
    }

    /// <summary>Moves both clocks to <paramref name="instant"/>.</summary>
    public void AdvanceTo(DateTimeOffset instant) => Advance(instant - Time.GetUtcNow());

    public Task<PruneReport> PruneAsync(bool? dryRun = false, params string[] policies) =>
        Pruner.PruneAsync(
            new PruneRequest(dryRun, policies.Length == 0 ? null : policies.Select(p => Enum.Parse<ImageCaches.Prune.PrunePolicy>(p, ignoreCase: true)).ToHashSet()),
            CancellationToken.None);

    /// <summary>Reconciles one object (finalizer, create, status), as reconcile-status would.</summary>
    public Task<ObjectReconcileResult> ReconcileAsync(string name) => Reconciler.ReconcileAsync(name, CancellationToken.None);

    /// <summary>Creates the object, lets reconcile create its ECI cache and waits until it is Ready.</summary>
    public async Task<ImageCache> CreateReadyAsync(ImageCache cache)
    {
        var name = cache.Metadata.Name;
        await Store.CreateAsync(cache, CancellationToken.None).ConfigureAwait(false);
        await ReconcileAsync(name).ConfigureAwait(false);
        Advance(BuildTime);
        await ReconcileAsync(name).ConfigureAwait(false);
        return await GetAsync(name).ConfigureAwait(false);
    }

    /// <summary>The seed's sample, exactly as deploy/samples has it (with the secrets it names).</summary>
    public async Task<ImageCache> CreateSampleAsync()
    {
        await CreateSampleSecretsAsync().ConfigureAwait(false);
        var sample = KubernetesYaml.Deserialize<ImageCache>(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Samples", "imagecache-sample.yaml")).ConfigureAwait(false));
        return await CreateReadyAsync(sample).ConfigureAwait(false);
    }

    public static ImageCache Cache(string name, int? retentionDays = null, IDictionary<string, string>? annotations = null, params string[] images)
    {
        var cache = ImageCache.Create(name, new ImageCacheSpec
        {
            Images = images.Length == 0 ? ["busybox:latest"] : images.ToList(),
            RetentionDays = retentionDays,
        });
        if (annotations is not null)
        {
            cache.Metadata.Annotations = new Dictionary<string, string>(annotations);
        }

        return cache;
    }

    /// <summary>An ECI cache tagged as ours for an owner that does not exist (a leftover of a crash or a forced delete).</summary>
    public async Task<string> CreateOrphanAsync(string ownerName, string ownerUid)
    {
        var created = await EciClient.CreateImageCacheAsync(new CreateImageCacheRequest
        {
            SecurityGroupId = "sg-prune0001",
            VSwitchId = "vsw-prune0001",
            ImageCacheName = "orphan-" + ownerName,
            Images = ["busybox:latest"],
            ImageCacheSize = 30,
            ClientToken = "orphan-" + ownerUid,
            Tags =
            [
                new ImageCacheTag(ImageCacheResource.EciManagedByTagKey, ImageCacheResource.EciManagedByTagValue),
                new ImageCacheTag(ImageCacheResource.EciOwnerTagKey, ownerName),
                new ImageCacheTag(ImageCacheResource.EciOwnerUidTagKey, ownerUid),
            ],
        }).ConfigureAwait(false);
        return created.ImageCacheId;
    }

    /// <summary>An ECI cache somebody else made (no managed-by tag).</summary>
    public async Task<string> CreateForeignAsync(string name)
    {
        var created = await EciClient.CreateImageCacheAsync(new CreateImageCacheRequest
        {
            SecurityGroupId = "sg-other",
            VSwitchId = "vsw-other",
            ImageCacheName = name,
            Images = ["nginx:1.7.9"],
            ClientToken = "foreign-" + name,
        }).ConfigureAwait(false);
        return created.ImageCacheId;
    }

    public async Task CreateSampleSecretsAsync()
    {
        foreach (var (ns, name) in new[] { ("default", "secret1"), ("default", "secret2"), ("kube-system", "secret3") })
        {
            var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes("sample-user:sample-password"));
            var json = "{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\"" + auth + "\"}}}";
            await Client.CoreV1.CreateNamespacedSecretAsync(
                new V1Secret
                {
                    Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
                    Type = "kubernetes.io/dockerconfigjson",
                    Data = new Dictionary<string, byte[]> { [".dockerconfigjson"] = Encoding.UTF8.GetBytes(json) },
                },
                ns).ConfigureAwait(false);
        }
    }

    public async Task<ImageCache> GetAsync(string name) =>
        await Store.GetAsync(name, CancellationToken.None).ConfigureAwait(false) ?? throw new InvalidOperationException($"imagecache {name} not found");

    public Task<ImageCache?> FindAsync(string name) => Store.GetAsync(name, CancellationToken.None);

    /// <summary>Every cache ECI has now (read with the production client).</summary>
    public async Task<List<EciImageCache>> EciCachesAsync()
    {
        var all = new List<EciImageCache>();
        await foreach (var cache in EciClient.DescribeAllImageCachesAsync(new DescribeImageCachesRequest { Limit = 100 }).ConfigureAwait(false))
        {
            all.Add(cache);
        }

        return all;
    }

    public async Task<EciImageCache?> EciCacheAsync(string id) =>
        (await EciCachesAsync().ConfigureAwait(false)).FirstOrDefault(c => c.ImageCacheId == id);

    /// <summary>Kubernetes Events recorded about one object.</summary>
    public async Task<List<Corev1Event>> EventsAboutAsync(string name)
    {
        var list = await Client.CoreV1.ListNamespacedEventAsync("default").ConfigureAwait(false);
        return list.Items.Where(e => e.InvolvedObject?.Name == name).ToList();
    }

    /// <summary>DeleteImageCache calls ECI received, by cache id, with their ClientTokens.</summary>
    public IReadOnlyList<(string Id, string? ClientToken)> EciDeletes() =>
        Eci.Calls.Of("DeleteImageCache")
            .Select(c => (c.Parameters["ImageCacheId"], c.Parameters.TryGetValue("ClientToken", out var token) ? token : null))
            .ToList();

    public int EciMutations() =>
        Eci.Calls.Snapshot().Count(c => c.Action is "CreateImageCache" or "UpdateImageCache" or "DeleteImageCache");

    public static string Days(int days) => days.ToString(CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync().ConfigureAwait(false);
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
