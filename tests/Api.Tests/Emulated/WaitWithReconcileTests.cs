using ImageCacheFunctions.Api.Tests.Support;
using ImageCacheFunctions.Emulators.Eci;
using ImageCacheFunctions.ImageCaches.Operations;
using ImageCacheFunctions.ImageCaches.Operations.Api;
using ImageCacheFunctions.ImageCaches.Operations.Reconcile;
using ImageCacheFunctions.ImageCaches.Resources;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImageCacheFunctions.Api.Tests.Emulated;

/// <summary>
/// The CI gate end to end on the emulators: a new ImageCache, /wait started, then the
/// reconciler (reconcile-status's operation) creates the ECI cache and copies its status as the
/// ECI emulator's clock moves; /wait answers once the cache is Ready.
/// </summary>
public sealed class WaitWithReconcileTests
{
    [Fact]
    public async Task Wait_returns_when_the_reconciler_reports_the_ECI_cache_Ready()
    {
        var waitClock = new SteppedClock();
        await using var harness = await ApiHarness.StartAsync(new Dictionary<string, string?> { ["Api:WaitPollInterval"] = "00:00:05" }, waitClock);
        await using var eci = new EciEmulator(new EciEmulatorOptions { Clock = EmulatorClock.Frozen(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero)), Seed = 11 });
        await eci.StartAsync();
        await using var operations = Operations(harness, eci);
        var reconciler = operations.GetRequiredService<ImageCacheReconciler>();
        await harness.Store.CreateAsync(ImageCache.Create("web", new ImageCacheSpec { Images = ["nginx:1.25", "busybox:1.36"] }), CancellationToken.None);

        var waiting = harness.Get<ImageCacheWait>().WaitAsync("nginx:1.25", null, "5m", CancellationToken.None);
        await waitClock.NextDelayAsync();
        string? phase = null;
        for (var pass = 0; pass < 6 && phase != ImageCachePhase.Ready; pass++)
        {
            await reconciler.ReconcileAllAsync(ReconcileRequest.All, CancellationToken.None);
            phase = (await harness.Store.GetAsync("web", CancellationToken.None))?.Status?.Phase;
            eci.Clock.Advance(TimeSpan.FromMinutes(2));
        }

        Assert.Equal(ImageCachePhase.Ready, phase);
        Assert.False(waiting.IsCompleted);
        waitClock.Advance(TimeSpan.FromSeconds(5));
        var result = await waiting;

        Assert.Equal(200, result.StatusCode);
        var body = Json.Body(result);
        Assert.Equal("web", body.Text("cache.name"));
        Assert.StartsWith("imc-", body.Text("cache.imageCacheId"), StringComparison.Ordinal);
    }

    private static ServiceProvider Operations(ApiHarness harness, EciEmulator eci)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Eci:RegionId"] = eci.RegionId,
            ["Eci:Endpoint"] = eci.BaseUri.ToString(),
            ["Eci:AllowInsecureHttp"] = "true",
            ["Eci:VSwitchId"] = "vsw-test0001",
            ["Eci:SecurityGroupId"] = "sg-test0001",
            ["Eci:RetryBaseDelay"] = "00:00:00.010",
            ["Eci:Credentials:AccessKeyId"] = EmulatorTestCredentials.AccessKeyId,
            ["Eci:Credentials:AccessKeySecret"] = EmulatorTestCredentials.AccessKeySecret,
            ["Kubernetes:KubeConfig"] = harness.KubeconfigPath,
        }).Build();
        return new ServiceCollection()
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddSingleton<TimeProvider>(eci.Clock)
            .AddImageCacheOperations(configuration)
            .BuildServiceProvider();
    }
}
