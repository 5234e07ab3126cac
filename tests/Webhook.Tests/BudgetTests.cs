using ImageCacheFunctions.Emulators.Eci.Faults;
using ImageCacheFunctions.ImageCaches.Operations.Refresh;
using ImageCacheFunctions.ImageCaches.Resources;
using ImageCacheFunctions.Webhook.Tests.Support;

namespace ImageCacheFunctions.Webhook.Tests;

/// <summary>
/// Senders give up after 3 to 10 s: the delivery is answered when the time budget ends, with the
/// refresh recorded; the ECI update goes on in the background and lands when ECI answers.
/// </summary>
public sealed class BudgetTests : IAsyncLifetime
{
    private WebhookHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await WebhookHarness.StartAsync(new Dictionary<string, string?>
    {
        // Generous enough that finding the cache and recording the refresh fit on a loaded CI
        // machine; the ECI latency below is what must not fit.
        ["Webhook:TimeBudget"] = "00:00:02",
        ["Webhook:ReconcileTimeout"] = "00:01:00",
    });

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task A_slow_ECI_does_not_hold_the_answer_and_the_update_still_lands()
    {
        const string image = "registry.example.com/team/app:v1";
        var cache = await _harness.CreateReadyCacheAsync("app", image);
        var digest = Senders.Digest("slow");
        // Far beyond the budget, within the client's 10 s attempt timeout.
        _harness.Eci.Faults.Settings = new FaultSettings(LatencyMilliseconds: 6000);

        var response = await _harness.PostAsync("ci", Senders.CloudEvent(image, "slow-1", digest));

        Assert.Equal(200, response.StatusCode);
        var result = Assert.Single(Assert.IsType<WebhookSummary>(response.Body).Caches);
        Assert.True(result.RefreshRecorded);
        Assert.Equal("running", result.Reconcile);

        var updated = await WebhookHarness.EventuallyAsync(
            () => _harness.GetAsync("app"),
            c => c.Status?.PendingRefresh is null && c.Status?.Images?.SingleOrDefault()?.Digest == digest,
            "the background update", attempts: 1200);
        Assert.Equal(ImageCachePhase.Updating, updated.Status!.Phase);
        Assert.Equal(1, _harness.Updates(cache.Status!.ImageCacheId!));
    }
}
