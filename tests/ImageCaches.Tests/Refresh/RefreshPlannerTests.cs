using ImageCacheFunctions.ImageCaches.Images;
using ImageCacheFunctions.ImageCaches.Refresh;
using ImageCacheFunctions.ImageCaches.Resources;

namespace ImageCacheFunctions.ImageCaches.Tests.Refresh;

public sealed class RefreshPlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly string D1 = Sha256("one");
    private static readonly string D2 = Sha256("two");

    private static string Sha256(string seed) =>
        "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(seed)));

    private static ImagePush Push(string image, string? digest = null, string? delivery = "d-1", DateTimeOffset? at = null) =>
        new(ImageReference.Parse(image), digest is null ? null : Digest.Parse(digest), at, delivery);

    private static ImageCache Cache(params string[] images) => ImageCache.Create("c", new ImageCacheSpec { Images = images.ToList() });

    private static ImageCache Cached(string image, string digest)
    {
        var cache = Cache(image);
        cache.Status = new ImageCacheStatus { Images = [new ImageCacheImageStatus { Image = image, Digest = digest }] };
        return cache;
    }

    private static ImageCache Pending(string image, string? digest, string delivery = "d-0")
    {
        var cache = Cache(image);
        cache.Status = new ImageCacheStatus
        {
            PendingRefresh = new PendingRefresh
            {
                RequestedAt = Now.AddMinutes(-1),
                Reason = "push",
                DeliveryId = delivery,
                Images = [new PendingRefreshImage { Image = image, Digest = digest }],
            },
        };
        return cache;
    }

    [Fact]
    public void A_new_digest_records_a_pending_refresh_of_the_image_as_written()
    {
        var plan = RefreshPlanner.Plan(Cache("registry.example.com/team/app:v1"), [Push("registry.example.com/team/app:v1", D1)], Now);

        var decision = Assert.Single(plan.Decisions);
        Assert.Equal(RefreshDecisionKind.Refresh, decision.Kind);
        Assert.NotNull(plan.Pending);
        Assert.Equal(Now, plan.Pending!.RequestedAt);
        Assert.Equal("push", plan.Pending.Reason);
        Assert.Equal("d-1", plan.Pending.DeliveryId);
        var image = Assert.Single(plan.Pending.Images!);
        Assert.Equal("registry.example.com/team/app:v1", image.Image);
        Assert.Equal(D1, image.Digest);
    }

    [Fact]
    public void The_cached_digest_again_is_nothing_to_do()
    {
        var plan = RefreshPlanner.Plan(Cached("registry.example.com/team/app:v1", D1), [Push("registry.example.com/team/app:v1", D1, "d-9")], Now);

        Assert.Equal(RefreshDecisionKind.AlreadyCached, Assert.Single(plan.Decisions).Kind);
        Assert.Null(plan.Pending);
        Assert.True(plan.OnlyDuplicates);
    }

    [Fact]
    public void The_pending_digest_again_is_nothing_to_do_but_a_new_one_replaces_it_and_keeps_the_first_request_time()
    {
        var image = "registry.example.com/team/app:v1";
        var same = RefreshPlanner.Plan(Pending(image, D1), [Push(image, D1, "d-2")], Now);
        Assert.Equal(RefreshDecisionKind.AlreadyPending, Assert.Single(same.Decisions).Kind);
        Assert.Null(same.Pending);
        Assert.True(same.CoveredByPending);

        var newer = RefreshPlanner.Plan(Pending(image, D1), [Push(image, D2, "d-3")], Now);
        Assert.Equal(RefreshDecisionKind.Refresh, Assert.Single(newer.Decisions).Kind);
        Assert.Equal(D2, Assert.Single(newer.Pending!.Images!).Digest);
        Assert.Equal(Now.AddMinutes(-1), newer.Pending.RequestedAt);
        Assert.Equal("d-3", newer.Pending.DeliveryId);
    }

    [Fact]
    public void A_roll_back_to_the_cached_digest_while_another_is_pending_replaces_the_pending_one()
    {
        var image = "registry.example.com/team/app:v1";
        var cache = Pending(image, D2);
        cache.Status!.Images = [new ImageCacheImageStatus { Image = image, Digest = D1 }];

        var plan = RefreshPlanner.Plan(cache, [Push(image, D1)], Now);

        Assert.Equal(RefreshDecisionKind.Refresh, Assert.Single(plan.Decisions).Kind);
        Assert.Equal(D1, Assert.Single(plan.Pending!.Images!).Digest);
    }

    [Theory]
    [InlineData("nginx", "docker.io/library/nginx:latest")]
    [InlineData("docker.io/library/nginx", "index.docker.io/library/nginx:latest")]
    [InlineData("registry-1.docker.io/library/nginx:latest", "nginx")]
    [InlineData("registry-vpc.cn-hangzhou.aliyuncs.com/ns/app:v1", "registry.cn-hangzhou.aliyuncs.com/ns/app:v1")]
    [InlineData("REGISTRY.example.com/team/app:v1", "registry.example.com/team/app:v1")]
    [InlineData("myinst-registry-vpc.cn-shanghai.cr.aliyuncs.com/ns/app:1.0", "myinst-registry.cn-shanghai.cr.aliyuncs.com/ns/app:1.0")]
    public void Spellings_of_the_same_repository_and_tag_match(string specImage, string pushed)
    {
        var plan = RefreshPlanner.Plan(Cache(specImage), [Push(pushed, D1)], Now);

        var decision = Assert.Single(plan.Decisions);
        Assert.Equal(specImage, decision.SpecImage);
        Assert.Equal(specImage, Assert.Single(plan.Pending!.Images!).Image);
    }

    [Theory]
    [InlineData("registry.example.com/team/app:v2", "registry.example.com/team/app:v1")]
    [InlineData("registry.example.com/team/app", "registry.example.com/team/app:v1")]
    [InlineData("registry.example.com/team/web:v1", "registry.example.com/team/app:v1")]
    [InlineData("other.example.com/team/app:v1", "registry.example.com/team/app:v1")]
    [InlineData("registry.example.com/team/app@sha256:1111111111111111111111111111111111111111111111111111111111111111", "registry.example.com/team/app:latest")]
    [InlineData("not a reference", "registry.example.com/team/app:v1")]
    public void Other_tags_repositories_hosts_and_digest_only_images_do_not_match(string specImage, string pushed)
    {
        var plan = RefreshPlanner.Plan(Cache(specImage), [Push(pushed, D1)], Now);

        Assert.False(plan.Matched);
        Assert.Null(plan.Pending);
    }

    [Fact]
    public void An_image_pinned_by_digest_is_never_refreshed()
    {
        var pinned = "registry.example.com/team/app:v1@" + D1;
        var plan = RefreshPlanner.Plan(Cache(pinned), [Push("registry.example.com/team/app:v1", D2)], Now);

        Assert.Equal(RefreshDecisionKind.Pinned, Assert.Single(plan.Decisions).Kind);
        Assert.Null(plan.Pending);
    }

    [Fact]
    public void Without_a_digest_a_push_refreshes_unless_a_refresh_is_pending_or_the_delivery_is_recorded()
    {
        var image = "docker.io/acme/app:latest";
        var fresh = RefreshPlanner.Plan(Cache(image), [Push("acme/app", null, "hub-1")], Now);
        Assert.Equal(RefreshDecisionKind.Refresh, Assert.Single(fresh.Decisions).Kind);
        Assert.Null(Assert.Single(fresh.Pending!.Images!).Digest);

        var covered = RefreshPlanner.Plan(Pending(image, null, "hub-1"), [Push("acme/app", null, "hub-2")], Now);
        Assert.Equal(RefreshDecisionKind.AlreadyPending, Assert.Single(covered.Decisions).Kind);

        var cache = Pending("docker.io/acme/other:latest", null, "hub-3");
        cache.Spec.Images.Add(image);
        var sameDelivery = RefreshPlanner.Plan(cache, [Push("acme/app", null, "hub-3")], Now);
        Assert.Equal(RefreshDecisionKind.SameDelivery, Assert.Single(sameDelivery.Decisions).Kind);
        Assert.Null(sameDelivery.Pending);
    }

    [Fact]
    public void A_burst_in_one_delivery_ends_in_one_pending_refresh_with_the_last_digest_of_each_image()
    {
        var cache = Cache("registry.example.com/team/app:v1", "registry.example.com/team/app:v2", "registry.example.com/team/web:v1");
        var t = Now.AddMinutes(-5);
        var plan = RefreshPlanner.Plan(cache,
        [
            Push("registry.example.com/team/app:v1", D2, "e-2", t.AddSeconds(2)),
            Push("registry.example.com/team/app:v1", D1, "e-1", t.AddSeconds(1)),
            Push("registry.example.com/team/web:v1", D1, "e-3", t.AddSeconds(3)),
        ], Now);

        Assert.Equal(3, plan.Decisions.Count);
        Assert.Equal(2, plan.Pending!.Images!.Count);
        Assert.Equal(D2, plan.Pending.Images.Single(i => i.Image == "registry.example.com/team/app:v1").Digest);
        Assert.Equal(D1, plan.Pending.Images.Single(i => i.Image == "registry.example.com/team/web:v1").Digest);
        Assert.Equal("e-3", plan.Pending.DeliveryId);
    }

    [Fact]
    public void Every_spelling_of_the_pushed_image_in_one_spec_gets_the_digest()
    {
        var plan = RefreshPlanner.Plan(Cache("nginx", "docker.io/library/nginx:latest", "nginx:1.27"), [Push("nginx", D1)], Now);

        Assert.Equal(2, plan.Decisions.Count);
        Assert.Equal(["docker.io/library/nginx:latest", "nginx"], plan.Pending!.Images!.Select(i => i.Image).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Planning_does_not_change_the_object()
    {
        var cache = Pending("registry.example.com/team/app:v1", D1);
        _ = RefreshPlanner.Plan(cache, [Push("registry.example.com/team/app:v1", D2)], Now);

        Assert.Equal(D1, cache.Status!.PendingRefresh!.Images![0].Digest);
        Assert.Equal("d-0", cache.Status.PendingRefresh.DeliveryId);
    }

    [Fact]
    public void A_push_by_digest_is_not_a_push_by_tag()
    {
        var pushed = ImageReference.Parse("registry.example.com/team/app@" + D1);
        Assert.Null(ImagePush.ByTag(pushed, null, "x", out var reason));
        Assert.Contains("push by digest", reason, StringComparison.Ordinal);

        var byTag = ImagePush.ByTag(ImageReference.Parse("registry.example.com/team/app:v1@" + D1), null, "x", out _);
        Assert.NotNull(byTag);
        Assert.Null(byTag!.Image.Digest);
        Assert.Equal(D1, byTag.Digest.ToString());
    }
}
