using ImageCacheFunctions.ImageCaches.Images;
using ImageCacheFunctions.ImageCaches.Api;
using ImageCacheFunctions.ImageCaches.Resources;

namespace ImageCacheFunctions.ImageCaches.Tests.Api;

/// <summary>
/// The documented ranking, rule by rule and tie by tie: (1) matching degree, more first;
/// (2) size, larger spec.imageCacheSize first; (3) creation time, newer first; then name.
/// </summary>
public sealed class RankingTests
{
    private static readonly string[] Pod = ["nginx:1.7.9", "busybox:1.36", "redis:7"];

    public static TheoryData<string, MatchCandidate[], string?, string?> Cases() => new()
    {
        {
            "degree beats size and age",
            [
                Candidates.Candidate("two-small-old", ["nginx:1.7.9", "busybox:1.36"], size: 20, createdHoursAgo: 100),
                Candidates.Candidate("one-big-new", ["nginx:1.7.9"], size: 500, createdHoursAgo: 1),
            ],
            "two-small-old", "one-big-new"
        },
        {
            "all three beat two",
            [
                Candidates.Candidate("two", ["nginx:1.7.9", "redis:7"], size: 100),
                Candidates.Candidate("three", ["docker.io/library/nginx:1.7.9", "busybox:1.36", "redis:7", "postgres:16"], size: 20),
            ],
            "three", "two"
        },
        {
            "equal degree: larger size first, whatever the age",
            [
                Candidates.Candidate("small-new", ["nginx:1.7.9"], size: 20, createdHoursAgo: 1),
                Candidates.Candidate("large-old", ["nginx:1.7.9"], size: 40, createdHoursAgo: 100),
            ],
            "large-old", "small-new"
        },
        {
            "unset size is the default 20",
            [
                Candidates.Candidate("unset", ["nginx:1.7.9"], size: null, createdHoursAgo: 1),
                Candidates.Candidate("explicit-21", ["nginx:1.7.9"], size: 21, createdHoursAgo: 100),
            ],
            "explicit-21", "unset"
        },
        {
            "equal degree and size: newer first",
            [
                Candidates.Candidate("older", ["nginx:1.7.9"], size: 30, createdHoursAgo: 48),
                Candidates.Candidate("newer", ["nginx:1.7.9"], size: 30, createdHoursAgo: 2),
            ],
            "newer", "older"
        },
        {
            "all equal: by name",
            [
                Candidates.Candidate("beta", ["nginx:1.7.9"], size: 30, createdHoursAgo: 5),
                Candidates.Candidate("alpha", ["nginx:1.7.9"], size: 30, createdHoursAgo: 5),
            ],
            "alpha", "beta"
        },
        {
            "only Ready caches qualify, however well they match",
            [
                Candidates.Candidate("creating-all", Pod, phase: ImageCachePhase.Creating),
                Candidates.Candidate("updating-all", Pod, phase: ImageCachePhase.Updating),
                Candidates.Candidate("failed-all", Pod, phase: ImageCachePhase.Failed),
                Candidates.Candidate("ready-one", ["redis:7"]),
            ],
            "ready-one", null
        },
        {
            "expired, deleted, id-less and non-matching caches do not qualify",
            [
                Candidates.Candidate("expired", Pod, expires: Candidates.Now.AddMinutes(-1)),
                Candidates.Candidate("deleting", Pod, deleting: true),
                Candidates.Candidate("no-id", Pod, id: null),
                Candidates.Candidate("other", ["postgres:16"]),
            ],
            null, null
        },
        {
            "a tag is not another tag",
            [
                Candidates.Candidate("close-tags", ["nginx:1.7", "busybox:latest", "redis:7.2"]),
            ],
            null, null
        },
        {
            "expiry in the future does not matter",
            [
                Candidates.Candidate("expires-later", ["nginx:1.7.9"], expires: Candidates.Now.AddDays(3)),
            ],
            "expires-later", null
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Best_and_runner_up_follow_the_documented_order(string rule, MatchCandidate[] candidates, string? best, string? runnerUp)
    {
        var images = PodImages.FromList(Pod).Images;

        var ranking = ImageCacheMatcher.Rank(images, candidates, Candidates.Now);

        Assert.True(best == ranking.Best?.Candidate.Name, $"{rule}: best was {ranking.Best?.Candidate.Name ?? "none"}");
        Assert.True(runnerUp == ranking.RunnerUp?.Candidate.Name, $"{rule}: runner-up was {ranking.RunnerUp?.Candidate.Name ?? "none"}");
    }

    [Fact]
    public void Order_is_the_same_whatever_order_the_caches_come_in()
    {
        var candidates = new[]
        {
            Candidates.Candidate("d", ["nginx:1.7.9"], size: 20, createdHoursAgo: 1),
            Candidates.Candidate("a", ["nginx:1.7.9", "redis:7"], size: 20, createdHoursAgo: 9),
            Candidates.Candidate("c", ["nginx:1.7.9"], size: 50, createdHoursAgo: 9),
            Candidates.Candidate("b", ["nginx:1.7.9"], size: 50, createdHoursAgo: 3),
        };
        var images = PodImages.FromList(Pod).Images;

        var forward = ImageCacheMatcher.Rank(images, candidates, Candidates.Now).Ranked.Select(m => m.Candidate.Name);
        var backward = ImageCacheMatcher.Rank(images, candidates.Reverse(), Candidates.Now).Ranked.Select(m => m.Candidate.Name);

        Assert.Equal(["a", "b", "c", "d"], forward);
        Assert.Equal(forward, backward);
    }

    public static TheoryData<string, RejectionReason> Rejections() => new()
    {
        { ImageCachePhase.Creating, RejectionReason.NotReady },
        { ImageCachePhase.Preparing, RejectionReason.NotReady },
        { ImageCachePhase.Updating, RejectionReason.NotReady },
        { ImageCachePhase.UpdateFailed, RejectionReason.NotReady },
        { ImageCachePhase.Failed, RejectionReason.NotReady },
        { ImageCachePhase.Pending, RejectionReason.NotReady },
        { ImageCachePhase.Missing, RejectionReason.NotReady },
    };

    [Theory]
    [MemberData(nameof(Rejections))]
    public void Each_phase_but_Ready_is_rejected_as_not_ready(string phase, RejectionReason reason)
    {
        var ranking = ImageCacheMatcher.Rank(PodImages.FromList(Pod).Images, [Candidates.Candidate("c", Pod, phase: phase)], Candidates.Now);

        Assert.Null(ranking.Best);
        Assert.Equal(reason, Assert.Single(ranking.Rejected).Reason);
    }

    [Theory]
    [InlineData(false, null, "full", "partial")]
    [InlineData(true, null, "full", null)]
    [InlineData(false, 2, "full", null)]
    [InlineData(false, 1, "full", "partial")]
    [InlineData(false, 3, null, null)]
    public void Perfect_match_and_match_count_requests_filter_partial_caches(bool requireAll, int? minimum, string? best, string? runnerUp)
    {
        // "partial" holds one of the two images (and is larger, which degree outranks).
        var candidates = new[]
        {
            Candidates.Candidate("partial", ["nginx:1.7.9", "postgres:16"], size: 100),
            Candidates.Candidate("full", ["nginx:1.7.9", "redis:7"], size: 20),
        };
        var images = PodImages.FromList(["nginx:1.7.9", "redis:7"]).Images;
        var ranking = ImageCacheMatcher.Rank(images, candidates, Candidates.Now, new MatchRequirements(requireAll, minimum));

        Assert.Equal(best, ranking.Best?.Candidate.Name);
        Assert.Equal(runnerUp, ranking.RunnerUp?.Candidate.Name);
    }

    [Fact]
    public void Hits_name_the_entry_that_holds_each_image_and_misses_the_rest()
    {
        var candidate = Candidates.Candidate("c", ["docker.io/library/nginx:1.7.9", "busybox:1.36"]);

        var match = CacheMatch.Of(candidate, PodImages.FromList(Pod).Images);

        Assert.Equal(2, match.Degree);
        Assert.Equal(["docker.io/library/nginx:1.7.9", "busybox:1.36"], match.Hits.Select(h => h.CachedAs.Written));
        Assert.Equal(["docker.io/library/redis:7"], match.Misses.Select(m => m.ToString()));
    }

    [Fact]
    public void Uncached_lists_the_images_no_qualifying_cache_holds()
    {
        var ranking = ImageCacheMatcher.Rank(
            PodImages.FromList(Pod).Images,
            [Candidates.Candidate("n", ["nginx:1.7.9"]), Candidates.Candidate("b", ["busybox:1.36"], phase: ImageCachePhase.Creating)],
            Candidates.Now);

        Assert.Equal(["docker.io/library/busybox:1.36", "docker.io/library/redis:7"], ranking.Uncached.Select(i => i.ToString()));
    }

    [Fact]
    public void Pod_images_include_init_containers_and_are_deduplicated_after_normalisation()
    {
        var images = PodImages.From([
            new ContainerImage("spec.initContainers[0].image", "busybox:1.36"),
            new ContainerImage("spec.containers[0].image", "nginx:1.7.9"),
            new ContainerImage("spec.containers[1].image", "docker.io/library/nginx:1.7.9"),
            new ContainerImage("spec.containers[2].image", "library/Nginx"),
        ]);

        Assert.Equal(["docker.io/library/busybox:1.36", "docker.io/library/nginx:1.7.9"], images.Images.Select(i => i.ToString()));
        Assert.Equal("spec.containers[2].image", Assert.Single(images.Invalid).Field);
    }

    [Fact]
    public void Digest_pinned_pod_images_match_the_recorded_digest_only()
    {
        var digest = Candidates.Sha('d');
        var candidates = new[]
        {
            Candidates.Candidate("stale", ["nginx:1.25"], size: 100, digests: new Dictionary<string, string> { ["nginx:1.25"] = Candidates.Sha('e') }),
            Candidates.Candidate("fresh", ["nginx:1.25"], size: 20, digests: new Dictionary<string, string> { ["nginx:1.25"] = digest }),
        };

        var ranking = ImageCacheMatcher.Rank([ImageReference.Parse("nginx:1.25@" + digest)], candidates, Candidates.Now);

        Assert.Equal("fresh", ranking.Best?.Candidate.Name);
        Assert.Null(ranking.RunnerUp);
    }
}
