using k8s;
using ImageCacheFunctions.ImageCaches.Operations.Prune;
using ImageCacheFunctions.ImageCaches.Resources;
using ImageCacheFunctions.ImageCaches.Prune;
using ImageCacheFunctions.Prune.Tests.Support;

namespace ImageCacheFunctions.Prune.Tests.EndToEnd;

/// <summary>Dry run, the per-run cap and the protect annotation.</summary>
public sealed class SafetyTests
{
    private static readonly Dictionary<string, string> Protect = new() { [ImageCacheResource.ProtectAnnotation] = "true" };
    private static readonly Dictionary<string, string> UnusedAfter3Days = new() { [PruneAnnotations.PruneUnused] = "3" };

    [Fact]
    public async Task A_dry_run_deletes_nothing_and_reports_exactly_what_the_real_run_then_deletes()
    {
        await using var harness = await PruneHarness.StartAsync();
        await harness.CreateReadyAsync(PruneHarness.Cache("expired-a", retentionDays: 1));
        await harness.CreateReadyAsync(PruneHarness.Cache("expired-b", retentionDays: 1));
        await harness.CreateReadyAsync(PruneHarness.Cache("protected", retentionDays: 1, annotations: Protect));
        await harness.CreateReadyAsync(PruneHarness.Cache("long-lived", retentionDays: 30));
        var unused = await harness.CreateReadyAsync(PruneHarness.Cache("unused", annotations: UnusedAfter3Days));
        var orphan = await harness.CreateOrphanAsync("gone", "uid-gone");
        harness.Advance(TimeSpan.FromDays(4));
        var eciCallsBefore = harness.Eci.Calls.Snapshot().Count;
        harness.Kubernetes.ClearRequests();

        var dry = await harness.PruneAsync(dryRun: true);

        Assert.True(dry.DryRun);
        Assert.Empty(dry.Deleted);
        Assert.Equal(0, harness.Kubernetes.CountWrites());
        Assert.DoesNotContain(harness.Eci.Calls.Snapshot().Skip(eciCallsBefore), c => c.Action != "DescribeImageCaches");
        var wouldDelete = dry.WouldDelete.Select(Key).Order().ToList();
        Assert.Equal(
            new[] { "expired-a/expired", "expired-b/expired", $"{orphan}/orphan", "unused/unused" }.Order(),
            wouldDelete);
        Assert.Equal(30 + 20, dry.Reclaimed.GiB); // the orphan (30) and the unused cache (20); ECI had already removed the expired ones

        var real = await harness.PruneAsync(dryRun: false);

        Assert.False(real.DryRun);
        Assert.Empty(real.WouldDelete);
        Assert.Equal(wouldDelete, real.Deleted.Select(Key).Order().ToList());
        Assert.Equal(dry.Reclaimed, real.Reclaimed);
        Assert.Null(await harness.FindAsync("expired-a"));
        Assert.Null(await harness.FindAsync("unused"));
        Assert.Null(await harness.EciCacheAsync(unused.Status!.ImageCacheId!));
        Assert.Null(await harness.EciCacheAsync(orphan));
        Assert.NotNull(await harness.FindAsync("protected"));
        Assert.NotNull(await harness.FindAsync("long-lived"));

        static string Key(PruneReportEntry e) => $"{e.Name ?? e.ImageCacheId}/{e.Policy}";
    }

    [Theory]
    [InlineData("Prune:MaxDeletionsPerRun", "5", "more than the limit of 5 per run")]
    [InlineData("Prune:MaxDeletionFraction", "0.5", "of the fleet per run")]
    public async Task The_cap_stops_a_mass_deletion_and_records_a_warning(string setting, string value, string expectedReason)
    {
        await using var harness = await PruneHarness.StartAsync(new Dictionary<string, string?> { [setting] = value });
        var names = Enumerable.Range(1, 8).Select(i => $"mass-{i}").ToList();
        foreach (var name in names)
        {
            await harness.CreateReadyAsync(PruneHarness.Cache(name, retentionDays: 1));
        }

        await harness.CreateReadyAsync(PruneHarness.Cache("kept", retentionDays: 30));
        harness.Advance(TimeSpan.FromDays(2));
        var eciMutationsBefore = harness.EciMutations();

        var report = await harness.PruneAsync();

        Assert.True(report.Cap.Capped);
        Assert.Contains(expectedReason, report.Cap.Reason, StringComparison.Ordinal);
        Assert.Equal(8, report.Cap.Selected);
        Assert.Equal(9, report.Cap.FleetSize);
        Assert.Empty(report.Deleted);
        Assert.Equal(8, report.Skipped.Count(s => s.Reason == PruneSkipReasons.Capped));
        Assert.Equal(eciMutationsBefore, harness.EciMutations());
        foreach (var name in names)
        {
            var obj = await harness.GetAsync(name);
            Assert.Null(obj.Metadata.DeletionTimestamp);
            var warning = Assert.Single(await harness.EventsAboutAsync(name), e => e.Reason == PruneEventReasons.Capped);
            Assert.Equal(KubernetesEventTypes.Warning, warning.Type);
        }
    }

    [Fact]
    public async Task A_protected_cache_survives_every_policy()
    {
        await using var harness = await PruneHarness.StartAsync(new Dictionary<string, string?> { ["Prune:PruneAllUnused"] = "true", ["Prune:UnusedAfterDays"] = "1" });
        await harness.CreateReadyAsync(PruneHarness.Cache("protected", retentionDays: 1, annotations: Protect));
        await harness.CreateReadyAsync(PruneHarness.Cache("twin", retentionDays: 1));
        harness.Advance(TimeSpan.FromDays(2));

        var report = await harness.PruneAsync();

        Assert.Equal("twin", Assert.Single(report.Deleted).Name);
        var kept = Assert.Single(report.Skipped);
        Assert.Equal("protected", kept.Name);
        Assert.Equal(PruneSkipReasons.Protected, kept.Reason);
        var survivor = await harness.GetAsync("protected");
        Assert.Null(survivor.Metadata.DeletionTimestamp);
        Assert.DoesNotContain(await harness.EventsAboutAsync("protected"), e => e.Reason == ImageCacheEventReasons.Pruned);
    }

    [Fact]
    public async Task Pruning_a_cache_in_use_removes_its_object_and_ECI_cache_and_touches_nothing_else()
    {
        // Pods created from a cache keep running when it is deleted; its id simply disappears
        // from ECI. Here pods were started from "old-runner" right after it was built and never
        // since (it opted in to unused pruning after 7 days); "busy" is matched every hour.
        var optIn = new Dictionary<string, string> { [PruneAnnotations.PruneUnused] = "7" };
        await using var harness = await PruneHarness.StartAsync();
        await harness.CreateSampleSecretsAsync();
        var oldRunner = await harness.CreateReadyAsync(PruneHarness.Cache("old-runner", annotations: optIn));
        var busy = await harness.CreateReadyAsync(PruneHarness.Cache("busy", annotations: optIn));
        var oldId = oldRunner.Status!.ImageCacheId!;
        var busyId = busy.Status!.ImageCacheId!;
        harness.Eci.SetLastMatchedTime(oldId, harness.Time.GetUtcNow());
        harness.Advance(TimeSpan.FromDays(10));
        harness.Eci.SetLastMatchedTime(busyId, harness.Time.GetUtcNow() - TimeSpan.FromHours(1));
        var busyBefore = await harness.GetAsync("busy");
        var secretBefore = await harness.Client.CoreV1.ReadNamespacedSecretAsync("secret1", "default");
        var busyEventsBefore = (await harness.EventsAboutAsync("busy")).Count;
        var eciCallsBefore = harness.Eci.Calls.Snapshot().Count;
        harness.Kubernetes.ClearRequests();

        var report = await harness.PruneAsync();

        var deleted = Assert.Single(report.Deleted);
        Assert.Equal(("old-runner", oldId, "unused"), (deleted.Name, deleted.ImageCacheId, deleted.Policy));
        Assert.True(deleted.EciCacheDeleted);
        Assert.Null(await harness.FindAsync("old-runner"));
        Assert.Null(await harness.EciCacheAsync(oldId));

        // Nothing else: the other cache and object, and the secret, are as they were.
        Assert.Equal(busyBefore.Metadata.ResourceVersion, (await harness.GetAsync("busy")).Metadata.ResourceVersion);
        Assert.NotNull(await harness.EciCacheAsync(busyId));
        Assert.Equal(secretBefore.Metadata.ResourceVersion, (await harness.Client.CoreV1.ReadNamespacedSecretAsync("secret1", "default")).Metadata.ResourceVersion);
        var mutations = harness.Eci.Calls.Snapshot().Skip(eciCallsBefore).Where(c => c.Action != "DescribeImageCaches").ToList();
        Assert.NotEmpty(mutations);
        Assert.All(mutations, c => Assert.Equal(("DeleteImageCache", oldId), (c.Action, c.Parameters["ImageCacheId"])));
        var writes = harness.Kubernetes.Requests.Where(r => r.IsWrite).ToList();
        Assert.All(writes, w => Assert.True(
            (w.Resource == "imagecaches" && w.Name == "old-runner") || (w.Resource == "events" && w.Verb == "create"),
            $"unexpected write {w.Verb} {w.Resource}/{w.Name}"));
        Assert.Equal(busyEventsBefore, (await harness.EventsAboutAsync("busy")).Count);
        Assert.Contains(await harness.EventsAboutAsync("old-runner"), e => e.Reason == ImageCacheEventReasons.Pruned);
    }
}
