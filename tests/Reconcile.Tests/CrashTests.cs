using ImageCacheFunctions.ImageCaches.Resources;
using ImageCacheFunctions.Reconcile.Tests.Support;

namespace ImageCacheFunctions.Reconcile.Tests;

/// <summary>
/// A pass interrupted at every step boundary in turn, then passes as usual: each time the end
/// state equals that of an uninterrupted run, and ECI holds exactly one cache per object.
/// </summary>
public sealed class CrashTests
{
    public static TheoryData<string> Stages => ["create", "spec-edit", "refresh", "delete", "missing", "failed-then-fixed"];

    [Theory]
    [MemberData(nameof(Stages))]
    public async Task A_crash_at_any_step_boundary_is_repaired_by_the_next_passes(string stage)
    {
        string expected;
        int boundaries;
        await using (var reference = await ReconcileHarness.StartAsync())
        {
            await SetUpAsync(reference, stage);
            await TriggerAsync(reference, stage);
            reference.Hook.ClearSteps();
            await reference.PassAsync();
            boundaries = reference.Hook.Steps.Count;
            await reference.ConvergeAsync();
            expected = await ClusterState.DescribeAsync(reference);
        }

        Assert.True(boundaries >= 2, $"stage {stage} reached only {boundaries} step boundaries");
        for (var k = 0; k < boundaries; k++)
        {
            await using var h = await ReconcileHarness.StartAsync();
            await SetUpAsync(h, stage);
            await TriggerAsync(h, stage);
            h.Hook.ClearSteps();
            h.Hook.ArmAt(k);
            var crashed = await h.PassAsync();
            var step = h.Hook.Steps[k];
            Assert.Equal(1, h.Hook.Crashes);
            Assert.Contains(crashed.Errors, e => e.Message.Contains("simulated crash", StringComparison.Ordinal));

            await h.ConvergeAsync();

            var actual = await ClusterState.DescribeAsync(h);
            Assert.True(expected == actual, $"stage {stage}, crash before step {k} ({step}):\nexpected:\n{expected}\nactual:\n{actual}");
            var caches = await h.EciCachesAsync();
            Assert.Equal(stage == "delete" ? 0 : 1, caches.Count);
        }
    }

    [Fact]
    public async Task Creates_whose_answers_are_lost_leave_exactly_one_cache_per_object()
    {
        await using var h = await ReconcileHarness.StartAsync();
        await h.CreateAsync("first", "busybox:latest");
        await h.CreateAsync("second", "nginx:1.27");

        // ECI carries each create out but its answer is lost, 7 times: one call loses all its 4
        // attempts (the pass reports it), the other succeeds on a retry with the same ClientToken.
        h.Eci.Faults.Enqueue(new Emulators.Eci.Faults.InjectedFault(503, "ServiceUnavailable", "lost", "CreateImageCache", AfterProcessing: true), times: 7);
        var first = await h.PassAsync();
        h.Eci.Faults.Reset();
        Assert.Single(first.Errors);

        await h.ConvergeAsync();

        var caches = await h.EciCachesAsync();
        Assert.Equal(2, caches.Count);
        foreach (var name in new[] { "first", "second" })
        {
            var status = (await h.GetAsync(name)).Status!;
            Assert.Equal(ImageCachePhase.Ready, status.Phase);
            Assert.Contains(caches, c => c.ImageCacheId == status.ImageCacheId);
        }
    }

    private static async Task SetUpAsync(ReconcileHarness h, string stage)
    {
        switch (stage)
        {
            case "create":
                await h.CreateSampleSecretsAsync();
                return;
            case "failed-then-fixed":
                h.Eci.SetRegistryUnreachable("registry.example.com");
                await h.CreateAsync("web", "registry.example.com/team/web:1");
                break;
            default:
                await h.CreateAsync("web", "nginx:1.27");
                break;
        }

        await h.ConvergeAsync();
    }

    private static async Task TriggerAsync(ReconcileHarness h, string stage)
    {
        switch (stage)
        {
            case "create":
                await h.CreateSampleAsync();
                break;
            case "spec-edit":
                await h.Store.UpdateAsync("web", c =>
                {
                    c.Spec.Images.Add("busybox:latest");
                    return c;
                }, CancellationToken.None);
                break;
            case "refresh":
                await h.RecordRefreshAsync("web", "nginx:1.27", "sha256:" + new string('a', 64), "delivery-1");
                break;
            case "delete":
                await h.Store.DeleteAsync("web", null, null, CancellationToken.None);
                break;
            case "missing":
                var id = (await h.GetAsync("web")).Status!.ImageCacheId!;
                await h.EciClient.DeleteImageCacheAsync(new Eci.Models.DeleteImageCacheRequest(id));
                break;
            case "failed-then-fixed":
                Assert.Equal(ImageCachePhase.Failed, (await h.GetAsync("web")).Status!.Phase);
                await h.Store.UpdateAsync("web", c =>
                {
                    c.Spec.Images = ["registry.example.net/team/web:1"];
                    return c;
                }, CancellationToken.None);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(stage), stage, null);
        }
    }
}
