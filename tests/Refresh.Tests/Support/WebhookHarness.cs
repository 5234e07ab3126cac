using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using System.Globalization;
using ImageCacheFunctions.Emulators.Eci;
using ImageCacheFunctions.Emulators.Kubernetes;
using ImageCacheFunctions.ImageCaches.Kubernetes;
using ImageCacheFunctions.ImageCaches.Operations.Reconcile;
using ImageCacheFunctions.ImageCaches.Operations.Refresh;
using ImageCacheFunctions.ImageCaches.Registries;
using ImageCacheFunctions.ImageCaches.Resources;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ImageCacheFunctions.Refresh.Tests.Support;

/// <summary>
/// Both emulators on loopback, a sources file, and the function's own service wiring
/// (<see cref="RefreshServiceCollectionExtensions.AddImageCacheRefresh"/>) pointed at them: the
/// production code paths over real HTTP. The ECI emulator follows the system clock (a function
/// process has no fake clock) plus whatever a test advances it by; its timestamp tolerance is
/// widened so that advancing never breaks request signatures.
/// </summary>
public sealed class WebhookHarness : IAsyncDisposable
{
    public const string RegionId = "cn-hangzhou";

    /// <summary>Long enough for an emulated cache of a few images to finish building or updating.</summary>
    public static readonly TimeSpan BuildTime = TimeSpan.FromMinutes(3);

    private readonly Dictionary<string, string?> _settings;
    private readonly TimeProvider? _functionClock;
    private ServiceProvider? _services;

    private WebhookHarness(KubernetesEmulator kubernetes, EciEmulator eci, string directory, Dictionary<string, string?> settings, TimeProvider? functionClock)
    {
        _functionClock = functionClock;
        Kubernetes = kubernetes;
        Eci = eci;
        Directory = directory;
        _settings = settings;
        KubeconfigPath = Path.Combine(directory, "kubeconfig");
        kubernetes.WriteKubeconfig(KubeconfigPath);
        SourcesFile = Senders.WriteSourcesFile(directory);
    }

    /// <summary>The built registry-webhook function (referenced, so it sits beside the tests).</summary>
    public static string FunctionApp => Path.Combine(AppContext.BaseDirectory, "RegistryWebhook.dll");

    public KubernetesEmulator Kubernetes { get; }

    public EciEmulator Eci { get; }

    public string Directory { get; }

    public string KubeconfigPath { get; }

    public string SourcesFile { get; }

    /// <summary>The in-process "replica" of the function's services (built on first use).</summary>
    public ServiceProvider Services => _services ??= Build();

    public ImageCacheStore Store => Services.GetRequiredService<ImageCacheStore>();

    public IKubernetes Client => Services.GetRequiredService<IKubernetes>();

    /// <param name="settings">Configuration over <see cref="Configuration"/>'s defaults.</param>
    /// <param name="functionClock">The in-process function's clock (a FakeTimeProvider for budget tests); the ECI emulator's by default.</param>
    public static async Task<WebhookHarness> StartAsync(IDictionary<string, string?>? settings = null, TimeProvider? functionClock = null)
    {
        var eci = new EciEmulator(new EciEmulatorOptions
        {
            Clock = EmulatorClock.Live(),
            Seed = 5,
            TimestampTolerance = TimeSpan.FromDays(2),
        });
        await eci.StartAsync().ConfigureAwait(false);
        var kubernetes = new KubernetesEmulator();
        await kubernetes.StartAsync().ConfigureAwait(false);
        var directory = System.IO.Directory.CreateTempSubdirectory("webhook-tests-").FullName;
        return new WebhookHarness(kubernetes, eci, directory, new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>(), StringComparer.OrdinalIgnoreCase), functionClock);
    }

    /// <summary>The configuration the function gets, as configuration keys (<c>:</c>).</summary>
    public Dictionary<string, string?> Configuration()
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Eci:RegionId"] = RegionId,
            ["Eci:Endpoint"] = Eci.BaseUri.ToString(),
            ["Eci:AllowInsecureHttp"] = "true",
            ["Eci:VSwitchId"] = "vsw-webhook01",
            ["Eci:SecurityGroupId"] = "sg-webhook01",
            ["Eci:RetryBaseDelay"] = "00:00:00.010",
            ["Eci:Credentials:AccessKeyId"] = EmulatorTestCredentials.AccessKeyId,
            ["Eci:Credentials:AccessKeySecret"] = EmulatorTestCredentials.AccessKeySecret,
            ["Kubernetes:KubeConfig"] = KubeconfigPath,
            ["Webhook:SourcesFile"] = SourcesFile,
            // Generous: a loaded CI machine must not turn these tests into budget tests.
            ["Webhook:TimeBudget"] = "00:00:20",
            // Each test creates its caches and pushes at once, through a function that may have
            // read the same repository's index for an earlier test: list on every delivery
            // (IndexSnapshotTests cover the reuse of a recent LIST).
            ["Webhook:IndexMaxAge"] = "00:00:00",
        };
        foreach (var (key, value) in _settings)
        {
            values[key] = value;
        }

        return values;
    }

    private ServiceProvider Build()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Configuration()).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_functionClock ?? Eci.Clock);
        // Counted Events are written when a test flushes them, never by a timer mid-test.
        services.AddSingleton(provider => new ImageCacheEventTally(
            provider.GetRequiredService<ImageCacheEventRecorder>(), new FakeTimeProvider(), provider.GetRequiredService<ILogger<ImageCacheEventTally>>()));
        services.AddImageCacheRefresh(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>Posts a delivery as <paramref name="source"/> would, to the in-process processor.</summary>
    public Task<WebhookResponse> PostAsync(string source, byte[] body, bool forged = false, string? contentType = null)
    {
        var (query, headers) = Senders.Credentials(source, body, forged);
        headers["Content-Type"] = contentType ?? ContentTypeOf(source);
        return Services.GetRequiredService<RegistryWebhookProcessor>()
            .ProcessAsync(WebhookRequest.Create("POST", query, headers, body), CancellationToken.None);
    }

    public static string ContentTypeOf(string source) => source switch
    {
        "distribution" => "application/vnd.docker.distribution.events.v1+json",
        "ci" => "application/cloudevents+json",
        _ => "application/json",
    };

    /// <summary>Creates an ImageCache as a user would, then indexes it as reconcile does.</summary>
    public async Task<ImageCache> CreateCacheAsync(string name, params string[] images)
    {
        var created = await Store.CreateAsync(ImageCache.Create(name, new ImageCacheSpec { Images = images.ToList() }), CancellationToken.None).ConfigureAwait(false);
        return await Services.GetRequiredService<ImageCacheStore>().EnsureRepositoryIndexAsync(created, CancellationToken.None).ConfigureAwait(false) ?? created;
    }

    /// <summary>Creates the cache and runs reconcile (with the ECI clock moved) until ECI says Ready.</summary>
    public async Task<ImageCache> CreateReadyCacheAsync(string name, params string[] images)
    {
        await CreateCacheAsync(name, images).ConfigureAwait(false);
        await ConvergeAsync().ConfigureAwait(false);
        var cache = await GetAsync(name).ConfigureAwait(false);
        Assert.Equal(ImageCachePhase.Ready, cache.Status?.Phase);
        return cache;
    }

    public Task<ReconcileReport> PassAsync() =>
        Services.GetRequiredService<ImageCacheReconciler>().ReconcileAllAsync(ReconcileRequest.All, CancellationToken.None);

    /// <summary>Reconcile passes with the ECI clock moved between them, until caches had time to build.</summary>
    public async Task ConvergeAsync()
    {
        await PassAsync().ConfigureAwait(false);
        for (var i = 0; i < 2; i++)
        {
            Eci.Clock.Advance(BuildTime);
            await PassAsync().ConfigureAwait(false);
            await PassAsync().ConfigureAwait(false);
        }
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

    /// <summary>Kubernetes Events recorded about one object.</summary>
    public async Task<List<Corev1Event>> EventsAboutAsync(string name)
    {
        var list = await Client.CoreV1.ListNamespacedEventAsync("default").ConfigureAwait(false);
        return list.Items.Where(e => e.InvolvedObject?.Name == name).ToList();
    }

    /// <summary>UpdateImageCache calls ECI accepted for one cache id.</summary>
    public int Updates(string imageCacheId) =>
        Eci.Calls.Of("UpdateImageCache").Count(c => c.StatusCode == 200 && c.Parameters.TryGetValue("ImageCacheId", out var id) && id == imageCacheId);

    public int EciMutations() =>
        Eci.Calls.Snapshot().Count(c => c.Action is "CreateImageCache" or "UpdateImageCache" or "DeleteImageCache");

    /// <summary>Writes to ImageCache objects (Events excluded) since the request log was cleared.</summary>
    public int ImageCacheWrites() => Kubernetes.CountWrites(ImageCacheResource.Plural);

    /// <summary>Bounded polling for state another process changes (no fixed sleeps).</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, int attempts = 600)
    {
        var last = default(T);
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            last = await read().ConfigureAwait(false);
            if (done(last))
            {
                return last;
            }

            await Task.Delay(50).ConfigureAwait(false);
        }

        throw new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"{what} did not happen within {attempts} polls; last seen: {last}"));
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync().ConfigureAwait(false);
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
    }
}
