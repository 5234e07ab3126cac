using System.Globalization;
using ImageCacheFunctions.Emulators.Eci;
using ImageCacheFunctions.ImageCaches.Operations;
using ImageCacheFunctions.ImageCaches.Operations.Reconcile;
using ImageCacheFunctions.ImageCaches.Resources;
using ImageCacheFunctions.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ImageCache = ImageCacheFunctions.ImageCaches.Resources.ImageCache;
using ImageCacheStatus = ImageCacheFunctions.ImageCaches.Resources.ImageCacheStatus;

namespace ImageCacheFunctions.Reconcile.Tests.Support;

/// <summary>
/// The shared emulator harness with reconcile-status's wiring (AddImageCacheOperations) and a
/// step hook that can crash a pass. The ECI emulator's clock is frozen and moved by the test;
/// the functions read it too.
/// </summary>
public sealed class ReconcileHarness : EmulatorHarness
{
    private ReconcileHarness(Emulated emulated)
        : base(emulated)
    {
    }

    public CrashingStepHook Hook { get; } = new();

    /// <summary>
    /// Starts both emulators. The clock is frozen (moved only by the test) unless
    /// <paramref name="liveClock"/>: a separate function process signs with the real time.
    /// </summary>
    public static async Task<ReconcileHarness> StartAsync(IDictionary<string, string?>? settings = null, int? pageSize = null, bool liveClock = false)
    {
        var clock = liveClock ? EmulatorClock.Live() : EmulatorClock.Frozen(FrozenStart);
        var harness = new ReconcileHarness(await StartEmulatorsAsync("reconcile-tests", new EciEmulatorOptions { Clock = clock, Seed = 7 }).ConfigureAwait(false));
        harness.AddReplica(harness.Hook, settings, pageSize);
        return harness;
    }

    /// <summary>Another replica, with its own step hook and ECI page size.</summary>
    public ServiceProvider AddReplica(IReconcileStepHook? hook = null, IDictionary<string, string?>? settings = null, int? pageSize = null)
    {
        var overrides = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>(), StringComparer.OrdinalIgnoreCase)
        {
            ["Eci:PageSize"] = (pageSize ?? 100).ToString(CultureInfo.InvariantCulture),
        };
        return AddReplica(overrides, services =>
        {
            if (hook is not null)
            {
                services.AddSingleton(hook);
            }
        });
    }

    /// <summary>The seed's sample, exactly as deploy/samples has it.</summary>
    public Task<ImageCache> CreateSampleAsync() => CreateAsync(Sample());

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

    protected override void AddFunction(IServiceCollection services, IConfiguration configuration) =>
        services.AddImageCacheOperations(configuration);
}
