using ImageCacheFunctions.ImageCaches.Reconcile;
using ImageCacheFunctions.ImageCaches.Resources;
using k8s.Models;

namespace ImageCacheFunctions.ImageCaches.Tests.Reconcile;

/// <summary>The pure rules of the planner: names, tokens, event merging, the plan itself.</summary>
public sealed class PlanningRulesTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("imagecache-sample", "imagecache-sample")]
    [InlineData("a1", "a1")]
    public void A_valid_object_name_is_the_eci_name(string objectName, string expected) =>
        Assert.Equal(expected, EciCacheNames.For(objectName));

    [Theory]
    [InlineData("flink.jobs.v1")]
    [InlineData("x")]
    [InlineData("a")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789.x")]
    public void Other_names_are_made_valid_and_kept_apart(string objectName)
    {
        var name = EciCacheNames.For(objectName);
        Assert.True(EciCacheNames.IsValid(name), name);
        Assert.NotEqual(EciCacheNames.For(objectName + "-"), name);
    }

    [Fact]
    public void Client_tokens_are_ascii_at_most_64_and_differ_by_purpose()
    {
        var uid = Guid.NewGuid().ToString();
        var tokens = new[]
        {
            ClientTokens.ForCreate(uid, 1, null),
            ClientTokens.ForCreate(uid, 2, null),
            ClientTokens.ForCreate(uid, 1, "imc-old"),
            ClientTokens.ForUpdate(uid, "imc-1", 1, null),
            ClientTokens.ForUpdate(uid, "imc-1", 1, new PendingRefresh { DeliveryId = "d", Images = [new PendingRefreshImage { Image = "a", Digest = "sha256:1" }] }),
            ClientTokens.ForDelete(uid, "imc-1"),
        };

        Assert.All(tokens, t => Assert.True(t.Length <= ClientTokens.MaxLength && t.All(char.IsAscii), t));
        Assert.Equal(tokens.Length, tokens.Distinct().Count());
        Assert.Equal(ClientTokens.ForCreate(uid, 1, null), tokens[0]);
    }

    [Fact]
    public void Merging_the_same_eci_events_again_changes_nothing()
    {
        var pulled = new ObservedCacheEvent(1, "Normal", "busybox:latest", "Success pull image busybox:latest", "Pulled", Now, Now);
        var once = StatusEvents.Merge(null, [pulled], 50)!;
        var twice = StatusEvents.Merge(StatusJson.Clone(new ImageCacheStatus { Events = once })!.Events, [pulled], 50)!;

        Assert.True(StatusJson.Same(new ImageCacheStatus { Events = once }, new ImageCacheStatus { Events = twice }));
        var again = pulled with { Count = 3, LastTimestamp = Now.AddMinutes(1) };
        var counted = Assert.Single(StatusEvents.Merge(twice, [again], 50)!);
        Assert.Equal(3, counted.Count);
        Assert.Equal("kubelet", counted.Source.Component);
        Assert.Equal("eci", counted.Source.Host);
    }

    [Fact]
    public void Only_the_newest_events_are_kept()
    {
        var events = Enumerable.Range(0, 80).Select(i => new ObservedCacheEvent(1, "Normal", $"image-{i}", "pulled", null, Now.AddSeconds(i), Now.AddSeconds(i)));
        var kept = StatusEvents.Merge(null, events, 50)!;
        Assert.Equal(50, kept.Count);
        Assert.Equal("image-30", kept[0].Metadata.Name);
        Assert.Equal("image-79", kept[^1].Metadata.Name);
    }

    [Fact]
    public void A_new_object_is_planned_as_one_create_and_an_unchanged_ready_one_as_nothing()
    {
        var cache = Object(generation: 1, status: null);
        var plan = ReconcilePlanner.Plan(cache, [], Now, ReconcileSettings.Default);
        Assert.NotNull(plan.Create);
        Assert.Null(plan.Update);
        Assert.Equal("web", plan.Create!.ImageCacheName);

        var ready = Observed("imc-1", "Ready");
        var status = ReconcilePlanner.Created(cache, plan.Status, "imc-1", plan.Create.Settings, Now);
        var converged = ReconcilePlanner.Plan(Object(1, ReconcilePlanner.Plan(Object(1, status), [ready], Now, ReconcileSettings.Default).Status), [ready], Now.AddMinutes(5), ReconcileSettings.Default);
        Assert.False(converged.NeedsEciChange);
        Assert.True(StatusJson.Same(converged.Status, ReconcilePlanner.Plan(Object(1, converged.Status), [ready], Now.AddMinutes(10), ReconcileSettings.Default).Status));
    }

    [Fact]
    public void A_refresh_waits_while_eci_builds_and_is_planned_once_ready()
    {
        var status = new ImageCacheStatus
        {
            ImageCacheId = "imc-1",
            ObservedGeneration = 1,
            PendingRefresh = new PendingRefresh { RequestedAt = Now, Images = [new PendingRefreshImage { Image = "nginx:1.27", Digest = "sha256:" + new string('a', 64) }] },
        };

        Assert.False(ReconcilePlanner.Plan(Object(1, status), [Observed("imc-1", "Creating")], Now, ReconcileSettings.Default).NeedsEciChange);
        var plan = ReconcilePlanner.Plan(Object(1, status), [Observed("imc-1", "Ready")], Now, ReconcileSettings.Default);
        Assert.Equal("imc-1", plan.Update!.ImageCacheId);

        var updated = ReconcilePlanner.Updated(Object(1, status), plan.Status, plan.Update.Settings, Now);
        Assert.Null(updated.PendingRefresh);
        Assert.Equal("sha256:" + new string('a', 64), Assert.Single(updated.Images!).Digest);
    }

    [Fact]
    public void A_refresh_is_timed_from_its_push_to_the_first_pass_that_sees_the_cache_ready_again()
    {
        var pushedAt = Now.AddMinutes(-1);
        var status = new ImageCacheStatus
        {
            ImageCacheId = "imc-1",
            Phase = "Ready",
            ObservedGeneration = 1,
            PendingRefresh = new PendingRefresh { RequestedAt = pushedAt, Images = [new PendingRefreshImage { Image = "nginx:1.27", Digest = "sha256:" + new string('a', 64) }] },
        };

        var plan = ReconcilePlanner.Plan(Object(1, status), [Observed("imc-1", "Ready")], Now, ReconcileSettings.Default);
        var updated = ReconcilePlanner.Updated(Object(1, status), plan.Status, plan.Update!.Settings, Now);
        Assert.Equal(pushedAt, updated.LastRefresh!.RequestedAt);
        Assert.Null(updated.LastRefresh.ReadyAt);

        var building = ReconcilePlanner.Plan(Object(1, updated), [Observed("imc-1", "Updating")], Now.AddMinutes(1), ReconcileSettings.Default).Status;
        Assert.Null(building.LastRefresh!.PushToReadySeconds);

        var ready = ReconcilePlanner.Plan(Object(1, building), [Observed("imc-1", "Ready")], Now.AddMinutes(3), ReconcileSettings.Default).Status;
        Assert.Equal(Now.AddMinutes(3), ready.LastRefresh!.ReadyAt);
        Assert.Equal(240, ready.LastRefresh.PushToReadySeconds);

        // Later passes keep the measurement as it was.
        var later = ReconcilePlanner.Plan(Object(1, ready), [Observed("imc-1", "Ready")], Now.AddMinutes(30), ReconcileSettings.Default).Status;
        Assert.Equal(240, later.LastRefresh!.PushToReadySeconds);
    }

    private static ImageCache Object(long generation, ImageCacheStatus? status) => new()
    {
        Metadata = new V1ObjectMeta { Name = "web", Uid = "uid-1", Generation = generation, Finalizers = [ImageCacheResource.Finalizer] },
        Spec = new ImageCacheSpec { Images = ["nginx:1.27"] },
        Status = status,
    };

    private static ObservedCache Observed(string id, string status) =>
        new(id, "web", status, status == "Ready" ? "100%" : "50%", ["nginx:1.27"], 20, Now, null, null, "web", "uid-1", []);
}
