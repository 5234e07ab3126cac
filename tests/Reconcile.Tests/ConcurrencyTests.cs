using System.Globalization;
using ImageCacheFunctions.Emulators.Eci.Faults;
using ImageCacheFunctions.ImageCaches.Kubernetes;
using ImageCacheFunctions.ImageCaches.Operations.Reconcile;
using ImageCacheFunctions.ImageCaches.Resources;
using ImageCacheFunctions.Reconcile.Tests.Support;

namespace ImageCacheFunctions.Reconcile.Tests;

/// <summary>Two replicas at once, a time budget, and ECI throttling.</summary>
public sealed class ConcurrencyTests
{
    private const int Objects = 12;

    [Fact]
    public async Task Two_passes_at_once_end_as_one_pass_would()
    {
        string expected;
        await using (var reference = await ReconcileHarness.StartAsync(pageSize: 5))
        {
            await CreateObjectsAsync(reference);
            await reference.PassAsync();
            reference.Eci.Clock.Advance(ReconcileHarness.BuildTime);
            await reference.PassAsync();
            expected = await ClusterState.DescribeAsync(reference, withKubernetesEvents: true);
        }

        await using var h = await ReconcileHarness.StartAsync(pageSize: 5);
        var second = h.AddReplica(pageSize: 5);
        await CreateObjectsAsync(h);

        var reports = await Task.WhenAll(h.PassAsync(), h.PassAsync(second));
        Assert.All(reports, r => Assert.Empty(r.Errors));
        h.Eci.Clock.Advance(ReconcileHarness.BuildTime);
        await Task.WhenAll(h.PassAsync(), h.PassAsync(second));

        Assert.Equal(expected, await ClusterState.DescribeAsync(h, withKubernetesEvents: true));
        var caches = await h.EciCachesAsync();
        Assert.Equal(Objects, caches.Count);
        Assert.Equal(Objects, caches.Select(c => c.Tags.Single(t => t.Key == ImageCacheResource.EciOwnerUidTagKey).Value).Distinct().Count());
    }

    [Fact]
    public async Task A_pass_out_of_time_stops_cleanly_and_reports_what_is_left()
    {
        await using var h = await ReconcileHarness.StartAsync();
        await CreateObjectsAsync(h);
        h.Kubernetes.ClearRequests();

        var hurried = await h.Reconciler().ReconcileAllAsync(new ReconcileRequest(TimeBudget: TimeSpan.FromTicks(1)), CancellationToken.None);

        Assert.False(hurried.Completed);
        Assert.Equal(Objects, hurried.ObjectsSeen);
        Assert.Equal(Objects, hurried.LeftOver.Count);
        Assert.Equal(Enumerable.Range(0, Objects).Select(Name).Order(StringComparer.Ordinal), hurried.LeftOver.Names);
        Assert.Equal(0, h.Kubernetes.CountWrites());
        Assert.Equal(0, h.EciMutations());

        var next = await h.PassAsync();
        Assert.True(next.Completed);
        Assert.Equal(Objects, next.Created);
    }

    [Fact]
    public async Task Passes_converge_while_eci_throttles()
    {
        await using var h = await ReconcileHarness.StartAsync(new Dictionary<string, string?> { ["Eci:MaxRetryAttempts"] = "8" }, pageSize: 4);
        await CreateObjectsAsync(h);
        h.Eci.Faults.Settings = new FaultSettings(ThrottlingRate: 0.3);

        await h.ConvergeAsync();
        h.Eci.Faults.Reset();
        await h.PassAsync();

        Assert.Contains(h.Eci.Calls.Snapshot(), c => c.ErrorCode == "Throttling.User");
        for (var i = 0; i < Objects; i++)
        {
            Assert.Equal(ImageCachePhase.Ready, (await h.GetAsync(Name(i))).Status!.Phase);
        }

        Assert.Equal(Objects, (await h.EciCachesAsync()).Count);
        h.Eci.Calls.Clear();
        var converged = await h.PassAsync();
        Assert.Equal(0, h.EciMutations());
        Assert.Equal((Objects + 3) / 4, converged.EciCalls.Describe);
    }

    [Fact]
    public async Task A_write_by_someone_else_mid_reconcile_is_read_again_and_planned_again()
    {
        await using var h = await ReconcileHarness.StartAsync();
        var meddler = new MeddlingStepHook(h.Store);
        var replica = h.AddReplica(meddler);
        await h.CreateAsync("app", "registry.example.com/team/app:1");

        var result = await h.Reconciler(replica).ReconcileAsync("app", CancellationToken.None);

        // The status write planned on the old resourceVersion met a conflict; the object and ECI
        // were read again and the second plan found the cache the first attempt created.
        Assert.Equal(2, meddler.Steps.Count(s => s == ReconcileStep.WriteStatus));
        Assert.NotEqual(ObjectReconcileOutcome.Error, result.Outcome);
        var create = Assert.Single(h.Eci.Calls.Of("CreateImageCache"));
        var stored = await h.GetAsync("app");
        Assert.Equal("someone-else", stored.Metadata.Labels["meddled"]);
        Assert.Equal(Assert.Single(await h.EciCachesAsync()).ImageCacheId, stored.Status!.ImageCacheId);
        Assert.Equal(ImageCachePhase.Preparing, stored.Status.Phase);
        Assert.Equal("app", create.Parameters["ImageCacheName"]);
    }

    private static async Task CreateObjectsAsync(ReconcileHarness h)
    {
        for (var i = 0; i < Objects; i++)
        {
            await h.CreateAsync(Name(i), "busybox:latest", $"nginx:1.{i}");
        }
    }

    private static string Name(int i) => "cache-" + i.ToString("D2", CultureInfo.InvariantCulture);

    /// <summary>Before the first status write, changes the object as another writer would (a label).</summary>
    private sealed class MeddlingStepHook(ImageCacheStore store) : IReconcileStepHook
    {
        private readonly List<ReconcileStep> _steps = [];

        public IReadOnlyList<ReconcileStep> Steps => _steps;

        public async ValueTask BeforeAsync(ReconcileStep step, string objectName, CancellationToken cancellationToken)
        {
            _steps.Add(step);
            if (step == ReconcileStep.WriteStatus && _steps.Count(s => s == step) == 1)
            {
                await store.UpdateAsync(objectName, cache =>
                {
                    cache.Metadata.Labels ??= new Dictionary<string, string>();
                    cache.Metadata.Labels["meddled"] = "someone-else";
                    return cache;
                }, cancellationToken);
            }
        }
    }
}
