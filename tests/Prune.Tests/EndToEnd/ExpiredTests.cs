using ImageCacheFunctions.ImageCaches.Resources;
using ImageCacheFunctions.Prune.Tests.Support;

namespace ImageCacheFunctions.Prune.Tests.EndToEnd;

/// <summary>Expired and failed caches, through both emulators with the clocks moved together.</summary>
public sealed class ExpiredTests
{
    [Fact]
    public async Task The_seed_sample_with_retention_7_days_is_pruned_after_7_days_and_not_a_minute_before()
    {
        await using var harness = await PruneHarness.StartAsync();
        var sample = await harness.CreateSampleAsync();
        var id = sample.Status!.ImageCacheId!;
        var expiry = sample.Status.ExpireDateTime!.Value;
        Assert.Equal(ImageCachePhase.Ready, sample.Status.Phase);
        Assert.Equal(sample.Status.StartTime!.Value.AddDays(7), expiry);

        // A minute before the expiry: nothing is even a candidate.
        harness.AdvanceTo(expiry - TimeSpan.FromMinutes(1));
        var early = await harness.PruneAsync();
        Assert.Empty(early.Candidates.SelectMany(c => c.Value));
        Assert.Empty(early.Deleted);
        Assert.NotNull(await harness.FindAsync("imagecache-sample"));
        Assert.NotNull(await harness.EciCacheAsync(id));

        // Past the expiry but within the clock-skew margin: still kept.
        harness.AdvanceTo(expiry + PruneHarness.Margin - TimeSpan.FromSeconds(1));
        Assert.Empty((await harness.PruneAsync()).Deleted);
        Assert.NotNull(await harness.FindAsync("imagecache-sample"));

        // Past the expiry by the margin: pruned, object and ECI cache gone.
        harness.AdvanceTo(expiry + PruneHarness.Margin);
        var report = await harness.PruneAsync();

        var deleted = Assert.Single(report.Deleted);
        Assert.Equal("imagecache-sample", deleted.Name);
        Assert.Equal(id, deleted.ImageCacheId);
        Assert.Equal("expired", deleted.Policy);
        Assert.True(deleted.ObjectDeleted);
        Assert.Single(report.Candidates["expired"]);
        Assert.False(report.Cap.Capped);
        Assert.Null(await harness.FindAsync("imagecache-sample"));
        Assert.Null(await harness.EciCacheAsync(id));
        var pruned = Assert.Single(await harness.EventsAboutAsync("imagecache-sample"), e => e.Reason == ImageCacheEventReasons.Pruned);
        Assert.Equal(KubernetesEventTypes.Normal, pruned.Type);
        Assert.Contains("expired", pruned.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_cache_is_pruned_24_hours_after_it_failed()
    {
        await using var harness = await PruneHarness.StartAsync();
        harness.Eci.SetRegistryUnreachable("registry.example.com");
        var failed = await harness.CreateReadyAsync(PruneHarness.Cache("broken", retentionDays: 30, images: "registry.example.com/team/app:1.0"));
        Assert.Equal(ImageCachePhase.Failed, failed.Status!.Phase);
        var failedUntil = failed.Status.ExpireDateTime!.Value;
        await harness.CreateReadyAsync(PruneHarness.Cache("healthy", retentionDays: 30));

        harness.AdvanceTo(failedUntil - TimeSpan.FromMinutes(1));
        var early = await harness.PruneAsync();
        Assert.Empty(early.Deleted);
        Assert.NotNull(await harness.FindAsync("broken"));

        harness.AdvanceTo(failedUntil + PruneHarness.Margin);
        var report = await harness.PruneAsync();

        var deleted = Assert.Single(report.Deleted);
        Assert.Equal("broken", deleted.Name);
        Assert.Equal("failed", deleted.Policy);
        Assert.Null(await harness.FindAsync("broken"));
        Assert.NotNull(await harness.FindAsync("healthy"));
        Assert.Contains(await harness.EventsAboutAsync("broken"), e => e.Reason == ImageCacheEventReasons.Pruned);
    }
}
