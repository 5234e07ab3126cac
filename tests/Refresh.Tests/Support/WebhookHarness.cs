using System.Globalization;
using ImageCacheFunctions.Emulators.Eci;
using ImageCacheFunctions.ImageCaches.Kubernetes;
using ImageCacheFunctions.ImageCaches.Operations.Refresh;
using ImageCacheFunctions.ImageCaches.Registries;
using ImageCacheFunctions.ImageCaches.Resources;
using ImageCacheFunctions.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ImageCacheFunctions.Refresh.Tests.Support;

/// <summary>
/// The shared emulator harness with registry-webhook's wiring
/// (<see cref="RefreshServiceCollectionExtensions.AddImageCacheRefresh"/>) and a sources file. The
/// ECI emulator follows the system clock (a function process has no fake clock) plus whatever a
/// test advances it by; its timestamp tolerance is widened so that advancing never breaks
/// request signatures.
/// </summary>
public sealed class WebhookHarness : EmulatorHarness
{
    private readonly Dictionary<string, string?> _settings;
    private readonly TimeProvider? _functionClock;

    private WebhookHarness(Emulated emulated, Dictionary<string, string?> settings, TimeProvider? functionClock)
        : base(emulated)
    {
        _settings = settings;
        _functionClock = functionClock;
        SourcesFile = Senders.WriteSourcesFile(Directory);
    }

    /// <summary>The built registry-webhook function (referenced, so it sits beside the tests).</summary>
    public static string FunctionApp => Path.Combine(AppContext.BaseDirectory, "RegistryWebhook.dll");

    public string SourcesFile { get; }

    /// <param name="settings">Configuration over the defaults, for the in-process replica and a function process alike.</param>
    /// <param name="functionClock">The in-process function's clock (a FakeTimeProvider for budget tests); the ECI emulator's by default.</param>
    public static async Task<WebhookHarness> StartAsync(IDictionary<string, string?>? settings = null, TimeProvider? functionClock = null)
    {
        var emulated = await StartEmulatorsAsync(
            "webhook-tests",
            new EciEmulatorOptions { Clock = EmulatorClock.Live(), Seed = 5, TimestampTolerance = TimeSpan.FromDays(2) },
            kubernetesOnEciClock: false).ConfigureAwait(false);
        return new WebhookHarness(emulated, new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>(), StringComparer.OrdinalIgnoreCase), functionClock);
    }

    /// <summary>Posts a delivery as <paramref name="source"/> would, to the in-process processor.</summary>
    public Task<WebhookResponse> PostAsync(string source, byte[] body, bool forged = false, string? contentType = null)
    {
        var (query, headers) = Deliveries.Request(source, body, forged);
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

    /// <summary>UpdateImageCache calls ECI accepted for one cache id.</summary>
    public int Updates(string imageCacheId) =>
        Eci.Calls.Of("UpdateImageCache").Count(c => c.StatusCode == 200 && c.Parameters.TryGetValue("ImageCacheId", out var id) && id == imageCacheId);

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

    protected override TimeProvider FunctionClock => _functionClock ?? Eci.Clock;

    protected override IEnumerable<KeyValuePair<string, string?>> Defaults() =>
        new Dictionary<string, string?>
        {
            ["Webhook:SourcesFile"] = SourcesFile,
            // Generous: a loaded CI machine must not turn these tests into budget tests.
            ["Webhook:TimeBudget"] = "00:00:20",
            // Each test creates its caches and pushes at once, through a function that may have
            // read the same repository's index for an earlier test: list on every delivery
            // (IndexSnapshotTests cover the reuse of a recent LIST).
            ["Webhook:IndexMaxAge"] = "00:00:00",
        }.Concat(_settings);

    protected override void AddFunction(IServiceCollection services, IConfiguration configuration)
    {
        // Counted Events are written when a test flushes them, never by a timer mid-test.
        services.AddSingleton(provider => new ImageCacheEventTally(
            provider.GetRequiredService<ImageCacheEventRecorder>(), new FakeTimeProvider(), provider.GetRequiredService<ILogger<ImageCacheEventTally>>()));
        services.AddImageCacheRefresh(configuration);
    }
}
