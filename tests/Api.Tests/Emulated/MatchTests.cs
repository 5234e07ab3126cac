using ImageCacheFunctions.Api.Tests.Support;
using ImageCacheFunctions.ImageCaches.Operations.Api;
using ImageCacheFunctions.ImageCaches.Resources;
using ImageCacheFunctions.ImageCaches.Tests.Api;

namespace ImageCacheFunctions.Api.Tests.Emulated;

/// <summary>POST /match over the caches stored in the Kubernetes emulator (read through KubernetesClient).</summary>
public sealed class MatchTests
{
    [Fact]
    public async Task Seed_pod_with_auto_match_gets_the_cache_the_documented_ranking_picks()
    {
        await using var harness = await ApiHarness.StartAsync();
        // Every cache but "other" holds nginx:1.7.9 (degree 1); then size decides, then age.
        await harness.CreateCacheAsync(Candidates.Object("other", ["busybox:latest", "centos:latest"], size: 500, createdHoursAgo: 1));
        await harness.CreateCacheAsync(Candidates.Object("small-old", ["nginx:1.7.9"], size: 20, createdHoursAgo: 72));
        await harness.CreateCacheAsync(Candidates.Object("small-new", ["docker.io/library/nginx:1.7.9"], size: 20, createdHoursAgo: 2));
        await harness.CreateCacheAsync(Candidates.Object("large-old", ["nginx:1.7.9", "redis:7"], size: 40, createdHoursAgo: 96));
        await harness.CreateCacheAsync(Candidates.Object("largest-creating", ["nginx:1.7.9"], phase: ImageCachePhase.Creating, size: 100, createdHoursAgo: 1));

        var result = await harness.Get<CacheMatchService>().MatchAsync(Samples.Read("nginx-pod-auto-match.yaml"), "application/yaml", [], CancellationToken.None);

        Assert.Equal(200, result.StatusCode);
        var body = Json.Body(result);
        Assert.Equal("Pod", body.Text("source.kind"));
        Assert.Equal(["docker.io/library/nginx:1.7.9"], body.Strings("images"));
        Assert.Equal("autoMatch", body.Text("effective"));
        Assert.Equal("documentation", body.Text("annotations.generation"));
        Assert.Equal("k8s.aliyun.com/eci-image-cache", body.Text("annotations.autoMatchAnnotation"));
        Assert.Equal("large-old", body.Text("match.name"));
        Assert.Equal("imc-large-old", body.Text("match.imageCacheId"));
        Assert.Equal("Ready", body.Text("match.phase"));
        Assert.Equal("small-new", body.Text("runnerUp.name"));
        Assert.Equal("docker.io/library/nginx:1.7.9", body.Text("match.hits.0.image"));
        Assert.Empty(body.Strings("match.misses"));
        Assert.Equal("5", body.Text("candidates.considered"));
        Assert.Equal("3", body.Text("candidates.qualified"));
        Assert.Contains("\"name\":\"largest-creating\",\"reason\":\"notReady\"", body.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("\"name\":\"other\",\"reason\":\"noImageMatched\"", body.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_seed_deployment_reads_the_pod_template_annotation()
    {
        await using var harness = await ApiHarness.StartAsync();
        await harness.CreateCacheAsync(Candidates.Object("web", ["nginx:1.7.9"]));

        var result = await harness.Get<CacheMatchService>().MatchAsync(Samples.Read("nginx-deployment-auto-match.yaml"), null, [], CancellationToken.None);

        var body = Json.Body(result);
        Assert.Equal("Deployment", body.Text("source.kind"));
        Assert.Equal("autoMatch", body.Text("effective"));
        Assert.Equal("web", body.Text("match.name"));
        Assert.Null(body["runnerUp"]);
        Assert.Empty(body.Strings("notes"));
    }

    [Fact]
    public async Task More_images_held_beats_a_larger_newer_cache()
    {
        await using var harness = await ApiHarness.StartAsync();
        await harness.CreateCacheAsync(Candidates.Object("both", ["nginx:1.7.9", "busybox:1.36"], size: 20, createdHoursAgo: 200));
        await harness.CreateCacheAsync(Candidates.Object("nginx-big", ["nginx:1.7.9"], size: 300, createdHoursAgo: 1));

        // The fixture's pod: the seed's nginx pod plus a busybox init container.
        var pod = System.Text.Json.Nodes.JsonNode.Parse(Samples.Fixture("pod-create-auto-match.json"))!["request"]!["object"]!.ToJsonString();
        var body = Json.Body(await harness.Get<CacheMatchService>().MatchAsync(pod, "application/json", [], CancellationToken.None));

        Assert.Equal("both", body.Text("match.name"));
        Assert.Equal("2", body.Text("match.matchedImages"));
        Assert.Equal("nginx-big", body.Text("runnerUp.name"));
        Assert.Equal(["docker.io/library/busybox:1.36"], body.Strings("runnerUp.misses"));
    }

    [Fact]
    public async Task An_explicit_id_wins_and_a_cache_that_is_not_Ready_is_reported_unusable()
    {
        await using var harness = await ApiHarness.StartAsync();
        await harness.CreateCacheAsync(Candidates.Object("named", ["nginx:1.7.9"], phase: ImageCachePhase.Creating, id: "imc-2ze5tm5gehgtiigaz5jh"));
        await harness.CreateCacheAsync(Candidates.Object("ready", ["nginx:1.7.9"]));
        var pod = Samples.Read("nginx-pod-snapshot-id.yaml").Replace(
            "    k8s.aliyun.com/eci-image-snapshot-id: imc-2ze5tm5gehgtiigaz5jh",
            "    k8s.aliyun.com/eci-image-snapshot-id: imc-2ze5tm5gehgtiigaz5jh\n    k8s.aliyun.com/eci-image-cache: \"true\"",
            StringComparison.Ordinal);

        var body = Json.Body(await harness.Get<CacheMatchService>().MatchAsync(pod, null, [], CancellationToken.None));

        Assert.Equal("explicit", body.Text("effective"));
        Assert.Equal("true", body.Text("annotations.explicitWins"));
        Assert.Equal("imc-2ze5tm5gehgtiigaz5jh", body.Text("explicit.id"));
        Assert.Equal("true", body.Text("explicit.found"));
        Assert.Equal("false", body.Text("explicit.usable"));
        Assert.Equal("named", body.Text("explicit.cache.name"));
        Assert.Contains("Creating", body.Text("explicit.message"), StringComparison.Ordinal);
        Assert.Equal("ready", body.Text("match.name"));
        Assert.Contains(body.Strings("notes"), n => n.Contains("explicit id wins", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Nothing_qualifying_answers_200_with_match_null()
    {
        await using var harness = await ApiHarness.StartAsync();
        await harness.CreateCacheAsync(Candidates.Object("other", ["busybox:latest"]));

        var result = await harness.Get<CacheMatchService>().MatchAsync("""{"images":["nginx:1.7.9"]}""", "application/json", [], CancellationToken.None);

        Assert.Equal(200, result.StatusCode);
        Assert.Contains("\"match\":null", Json.Raw(result), StringComparison.Ordinal);
        Assert.Contains("\"runnerUp\":null", Json.Raw(result), StringComparison.Ordinal);
        Assert.Equal(["docker.io/library/nginx:1.7.9"], Json.Body(result).Strings("uncached"));
        Assert.Equal("none", Json.Body(result).Text("effective"));
    }

    [Theory]
    [InlineData("""{"images":["nginx:1.7.9","Bad Image"]}""", "images[1]")]
    [InlineData("""{"kind":"Service"}""", "no Pod or workload")]
    [InlineData("", "empty")]
    public async Task Bad_input_is_a_400_that_says_what_is_wrong(string body, string expected)
    {
        await using var harness = await ApiHarness.StartAsync();

        var result = await harness.Get<CacheMatchService>().MatchAsync(body, null, [], CancellationToken.None);

        Assert.Equal(400, result.StatusCode);
        Assert.Equal("bad_request", Json.Body(result).Text("error"));
        Assert.Contains(expected, Json.Raw(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Too_many_images_is_a_400()
    {
        await using var harness = await ApiHarness.StartAsync(new Dictionary<string, string?> { ["Api:MaxImagesPerRequest"] = "2" });

        var result = await harness.Get<CacheMatchService>().MatchAsync("""["a:1","b:1","c:1"]""", null, [], CancellationToken.None);

        Assert.Equal(400, result.StatusCode);
        Assert.Contains("Api:MaxImagesPerRequest", Json.Raw(result), StringComparison.Ordinal);
    }
}
