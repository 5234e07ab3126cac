using ImageCacheFunctions.Eci.Models;
using ImageCacheFunctions.Emulators.Eci;
using ImageCacheFunctions.ImageCaches.Operations.Prune;
using ImageCacheFunctions.ImageCaches.Resources;
using ImageCacheFunctions.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ImageCache = ImageCacheFunctions.ImageCaches.Resources.ImageCache;

namespace ImageCacheFunctions.Prune.Tests.Support;

/// <summary>
/// The shared emulator harness with prune-expired's wiring (AddImageCachePruning). Two clocks,
/// advanced together: the ECI emulator's (cache lifecycles, expiry; the Kubernetes emulator
/// follows it) and a FakeTimeProvider for the function side.
/// </summary>
public sealed class PruneHarness : EmulatorHarness
{
    /// <summary>The default clock-skew margin (Prune:ClockSkewMargin).</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromMinutes(5);

    private PruneHarness(Emulated emulated)
        : base(emulated)
    {
        Time = new FakeTimeProvider(emulated.Eci.Clock.GetUtcNow());
    }

    /// <summary>The function side's clock.</summary>
    public FakeTimeProvider Time { get; }

    public ImageCachePruner Pruner => Services.GetRequiredService<ImageCachePruner>();

    /// <param name="settings">Configuration overrides (e.g. <c>Prune:MaxDeletionsPerRun</c>).</param>
    /// <param name="liveClock">The ECI emulator follows the system clock (for a function process, which has no fake clock).</param>
    public static async Task<PruneHarness> StartAsync(IDictionary<string, string?>? settings = null, bool liveClock = false)
    {
        var clock = liveClock ? EmulatorClock.Live() : EmulatorClock.Frozen(FrozenStart);
        var harness = new PruneHarness(await StartEmulatorsAsync("prune-tests", new EciEmulatorOptions { Clock = clock, Seed = 11 }).ConfigureAwait(false));
        harness.AddReplica(settings);
        return harness;
    }

    /// <summary>Moves both clocks.</summary>
    public override void Advance(TimeSpan by)
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

    /// <summary>The seed's sample, exactly as deploy/samples has it (with the secrets it names), made Ready.</summary>
    public async Task<ImageCache> CreateSampleAsync()
    {
        await CreateSampleSecretsAsync().ConfigureAwait(false);
        return await CreateReadyAsync(Sample()).ConfigureAwait(false);
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
            SecurityGroupId = SecurityGroupId,
            VSwitchId = VSwitchId,
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

    /// <summary>DeleteImageCache calls ECI received, by cache id, with their ClientTokens.</summary>
    public IReadOnlyList<(string Id, string? ClientToken)> EciDeletes() =>
        Eci.Calls.Of("DeleteImageCache")
            .Select(c => (c.Parameters["ImageCacheId"], c.Parameters.TryGetValue("ClientToken", out var token) ? token : null))
            .ToList();

    protected override TimeProvider FunctionClock => Time;

    protected override void AddFunction(IServiceCollection services, IConfiguration configuration) =>
        services.AddImageCachePruning(configuration);
}
