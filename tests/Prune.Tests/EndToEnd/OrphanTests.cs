using ImageCacheFunctions.ImageCaches.Prune;
using ImageCacheFunctions.Prune.Tests.Support;

namespace ImageCacheFunctions.Prune.Tests.EndToEnd;

/// <summary>ECI caches tagged as ours whose ImageCache object is gone.</summary>
public sealed class OrphanTests
{
    [Fact]
    public async Task An_orphan_is_pruned_after_the_grace_period_and_caches_of_others_are_never_touched()
    {
        await using var harness = await PruneHarness.StartAsync();
        var created = harness.Time.GetUtcNow();
        var orphan = await harness.CreateOrphanAsync("deleted-long-ago", "uid-of-a-gone-object");
        var foreign = await harness.CreateForeignAsync("someone-elses-cache");
        var owned = await harness.CreateReadyAsync(PruneHarness.Cache("still-here"));

        harness.AdvanceTo(created + TimeSpan.FromHours(1) - TimeSpan.FromMinutes(1));
        var early = await harness.PruneAsync();
        Assert.Empty(early.Deleted);
        var waiting = Assert.Single(early.Skipped);
        Assert.Equal(orphan, waiting.ImageCacheId);
        Assert.Equal(PruneSkipReasons.GracePeriod, waiting.Reason);
        Assert.Empty(harness.EciDeletes());

        harness.AdvanceTo(created + TimeSpan.FromHours(1) + PruneHarness.Margin);
        var report = await harness.PruneAsync();

        var deleted = Assert.Single(report.Deleted);
        Assert.Equal("orphan", deleted.Policy);
        Assert.Equal(orphan, deleted.ImageCacheId);
        Assert.Null(deleted.Name);
        Assert.True(deleted.EciCacheDeleted);
        Assert.Equal(30, deleted.SizeGiB);
        Assert.Equal(30, report.Reclaimed.GiB);
        Assert.Equal(30L * 1024 * 1024 * 1024, report.Reclaimed.Bytes);

        var (id, token) = Assert.Single(harness.EciDeletes());
        Assert.Equal(orphan, id);
        Assert.StartsWith("icf-d-", token, StringComparison.Ordinal);
        Assert.Null(await harness.EciCacheAsync(orphan));
        Assert.NotNull(await harness.EciCacheAsync(foreign));
        Assert.NotNull(await harness.EciCacheAsync(owned.Status!.ImageCacheId!));
        Assert.NotNull(await harness.FindAsync("still-here"));
    }

    [Fact]
    public async Task A_cache_whose_object_exists_but_has_not_recorded_it_yet_is_never_an_orphan()
    {
        // A create in flight: ECI made the cache (tagged with the object's uid) and the object
        // does not record it yet. However old the cache, it is not an orphan.
        await using var harness = await PruneHarness.StartAsync();
        var obj = await harness.Store.CreateAsync(PruneHarness.Cache("creating"), CancellationToken.None);
        var inFlight = await harness.CreateOrphanAsync("creating", obj.Metadata.Uid);

        harness.Advance(TimeSpan.FromDays(3));
        var report = await harness.PruneAsync();

        Assert.Empty(report.Deleted);
        Assert.Empty(report.Skipped);
        Assert.NotNull(await harness.EciCacheAsync(inFlight));
        Assert.NotNull(await harness.FindAsync("creating"));
    }
}
