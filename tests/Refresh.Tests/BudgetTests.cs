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
            // Room for a registry's batch of 10,000 pushes.
            ["Webhook:MaxBodyBytes"] = (8 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
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

    [Fact]
    public async Task A_batch_of_ten_thousand_distinct_images_costs_one_list_not_one_per_image()
    {
        // Issue 12 item 10: one selector LIST per repository made such a batch overrun every
        // budget, so every retry was a 503. Counted in LISTs, not seconds: the clock is fake.
        const string image = "registry.example.com/team/app:v1";
        await _harness.CreateReadyCacheAsync("app", image);
        var digest = Senders.Digest("batch");
        var events = new System.Text.Json.Nodes.JsonArray();
        foreach (var pushed in Enumerable.Range(0, 10_000).Select(i => $"registry.example.com/batch/app-{i}:v1").Append(image))
        {
            events.Add(System.Text.Json.Nodes.JsonNode.Parse(Senders.CloudEvent(pushed, "b-" + pushed, digest)));
        }

        _harness.Kubernetes.ClearRequests();
        var response = await _harness.PostAsync("ci", System.Text.Encoding.UTF8.GetBytes(events.ToJsonString()), contentType: "application/cloudevents-batch+json")
            .WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(200, response.StatusCode);
        var summary = Assert.IsType<WebhookSummary>(response.Body);
        Assert.Equal(1, summary.RefreshesRequested);
        Assert.Equal("app", Assert.Single(summary.Caches).Name);
        Assert.InRange(_harness.Kubernetes.CountRequests("list", ImageCacheResource.Plural), 1, 3);
    }
}
