using ImageCacheFunctions.ImageCaches.Operations.Refresh;
using ImageCacheFunctions.ImageCaches.Resources;
using ImageCacheFunctions.Refresh.Tests.Support;
using ImageCacheFunctions.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ImageCacheFunctions.Refresh.Tests;

/// <summary>
/// Deliveries for one repository reuse a recent repository-index LIST (Webhook:IndexMaxAge,
/// <see cref="RepositoryIndexSnapshots"/>): duplicates cost no Kubernetes call at all, staleness is
/// bounded by IndexMaxAge on the function's clock (a fake one here), this replica's own writes are
/// seen at once, and a push a pending refresh covers is decided on a fresh read.
/// </summary>
public sealed class IndexSnapshotTests : IAsyncLifetime
{
    private const string Image = "registry.example.com/team/app:v1";
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);
    private static readonly string D1 = Senders.Digest("one");
    private static readonly string D2 = Senders.Digest("two");

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private WebhookHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await WebhookHarness.StartAsync(
        new Dictionary<string, string?> { ["Webhook:IndexMaxAge"] = "00:00:05" }, _clock);

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private async Task<WebhookSummary> PushAsync(string image, string? digest, string id)
    {
        var response = await _harness.PostAsync("ci", Senders.CloudEvent(image, id, digest));
        Assert.Equal(200, response.StatusCode);
        return Assert.IsType<WebhookSummary>(response.Body);
    }

    private int Lists() => _harness.Kubernetes.CountRequests("list", ImageCacheResource.Plural);

    [Fact]
    public async Task Duplicates_within_IndexMaxAge_cost_one_LIST_and_no_Kubernetes_write()
    {
        await _harness.CreateReadyCacheAsync("app", Image);
        var first = await PushAsync(Image, D1, "build-1");
        Assert.Equal(1, first.RefreshesRequested);
        _harness.Kubernetes.ClearRequests();

        for (var i = 2; i <= 4; i++)
        {
            var again = await PushAsync(Image, D1, $"build-{i}");
            Assert.Equal(0, again.RefreshesRequested);
            Assert.Equal(1, again.CachesMatched);
        }

        // The first duplicate lists again (this replica's write dropped the snapshot); the rest reuse it.
        Assert.Equal(1, Lists());
        Assert.Equal(0, _harness.ImageCacheWrites());
    }

    [Fact]
    public async Task A_cache_created_after_the_index_was_read_is_found_once_IndexMaxAge_has_passed()
    {
        var before = await PushAsync(Image, D1, "build-1");
        Assert.Equal(0, before.CachesMatched);

        // Created elsewhere (kubectl, another replica) right after this replica's LIST.
        await _harness.CreateCacheAsync("app", Image);
        _clock.Advance(MaxAge - TimeSpan.FromMilliseconds(1));
        var stale = await PushAsync(Image, D1, "build-2");
        Assert.Equal(0, stale.CachesMatched);

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        var found = await PushAsync(Image, D1, "build-3");
        Assert.Equal(1, found.CachesMatched);
        Assert.Equal(1, found.RefreshesRequested);
        Assert.Equal("refresh", Assert.Single(Assert.Single(found.Caches).Images).Decision);
    }

    [Fact]
    public async Task A_refresh_this_replica_records_drops_the_snapshot_so_its_next_delivery_reads_the_object_again()
    {
        await _harness.CreateReadyCacheAsync("app", Image);
        Assert.Equal(0, (await PushAsync("registry.example.com/team/app:v2", D1, "other-tag")).CachesMatched);
        _harness.Kubernetes.ClearRequests();

        Assert.Equal(1, (await PushAsync(Image, D1, "build-1")).RefreshesRequested);
        var second = await PushAsync(Image, D2, "build-2");

        // The first delivery reused the snapshot; its write dropped it, so the second listed again.
        Assert.Equal(1, Lists());
        Assert.Equal(1, second.RefreshesRequested);
        Assert.Equal(D2, Assert.Single(Assert.Single(second.Caches).Images).Digest);
    }

    [Fact]
    public async Task A_tag_push_that_a_pending_refresh_covered_when_the_index_was_read_is_decided_on_a_fresh_read()
    {
        await _harness.CreateCacheAsync("app", Image);
        await SetPendingAsync(new PendingRefresh { Reason = "push", Images = [new PendingRefreshImage { Image = Image }] });

        // A push of another tag of the repository reads the index: the object with its pending refresh.
        Assert.Equal(0, (await PushAsync("registry.example.com/team/app:v2", D1, "other-tag")).CachesMatched);

        // Meanwhile the pending refresh was handed to ECI (another replica's reconcile).
        await SetPendingAsync(null);
        var push = await PushAsync(Image, null, "tag-only");

        // Not "already pending" from the snapshot: this tag push needs a refresh of its own.
        var decision = Assert.Single(Assert.Single(push.Caches).Images);
        Assert.Equal("refresh", decision.Decision);
        Assert.Equal(1, push.RefreshesRequested);
    }

    private async Task SetPendingAsync(PendingRefresh? pending)
    {
        var result = await _harness.Store.UpdateAsync("app", cache =>
        {
            cache.Status ??= new ImageCacheStatus();
            cache.Status.PendingRefresh = pending;
            return cache;
        }, CancellationToken.None);
        Assert.NotNull(result.Object);
    }
}
