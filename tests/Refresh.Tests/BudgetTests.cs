using ImageCacheFunctions.ImageCaches.Operations.Refresh;
using ImageCacheFunctions.ImageCaches.Resources;
using ImageCacheFunctions.Refresh.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using ImageCacheFunctions.Tests.Support;

namespace ImageCacheFunctions.Refresh.Tests;

/// <summary>
/// Senders give up after 3 to 10 s: the delivery is answered when the time budget ends, with the
/// refresh recorded; the ECI update goes on in the background and lands when ECI answers.
/// Deterministic: the function runs on a fake clock, and ECI holds the update until the test
/// lets it go, so "ECI is slower than the budget" is a fact of the test, not of the machine.
/// </summary>
public sealed class BudgetTests : IAsyncLifetime
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private WebhookHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await WebhookHarness.StartAsync(
        new Dictionary<string, string?>
        {
            ["Webhook:TimeBudget"] = Budget.ToString(),
            ["Webhook:ReconcileTimeout"] = "00:01:00",
        },
        _clock);

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task A_slow_ECI_does_not_hold_the_answer_and_the_update_still_lands()
    {
        const string image = "registry.example.com/team/app:v1";
        var cache = await _harness.CreateReadyCacheAsync("app", image);
        var digest = Senders.Digest("slow");
        var update = _harness.Eci.Faults.Hold("UpdateImageCache");

        var delivery = _harness.PostAsync("ci", Senders.CloudEvent(image, "slow-1", digest));
        await update.Arrived.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.False(delivery.IsCompleted, "the delivery was answered before its budget ran out");
        _clock.Advance(Budget);
        var response = await delivery.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(200, response.StatusCode);
        var result = Assert.Single(Assert.IsType<WebhookSummary>(response.Body).Caches);
        Assert.True(result.RefreshRecorded);
        Assert.Equal("running", result.Reconcile);
        Assert.Equal(0, _harness.Updates(cache.Status!.ImageCacheId!));

        update.Release();
        var updated = await WebhookHarness.EventuallyAsync(
            () => _harness.GetAsync("app"),
            c => c.Status?.PendingRefresh is null && c.Status?.Images?.SingleOrDefault()?.Digest == digest,
            "the background update", attempts: 1200);
        Assert.Equal(ImageCachePhase.Updating, updated.Status!.Phase);
        Assert.Equal(1, _harness.Updates(cache.Status!.ImageCacheId!));
    }
}
