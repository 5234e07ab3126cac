using System.Text;
using System.Text.Json.Nodes;
using ImageCacheFunctions.Api.Tests.Support;
using ImageCacheFunctions.ImageCaches.Operations.Api;
using ImageCacheFunctions.ImageCaches.Resources;
using ImageCacheFunctions.ImageCaches.Tests.Api;

namespace ImageCacheFunctions.Api.Tests.Emulated;

/// <summary>The pod and workload webhook: early warnings instead of ECI's late failures.</summary>
public sealed class PodAdmissionTests
{
    private const string SeedId = "imc-2ze5tm5gehgtiigaz5jh";

    [Fact]
    public async Task A_pod_naming_a_Creating_cache_is_warned()
    {
        await using var harness = await ApiHarness.StartAsync();
        await harness.CreateCacheAsync(Candidates.Object("named", ["nginx:1.7.9"], phase: ImageCachePhase.Creating, id: SeedId));

        var response = await ReviewAsync(harness, Samples.Fixture("pod-create-snapshot-id.json"));

        Assert.Equal("3b0f2c1d-7a6e-4b5c-9d8e-1f2a3b4c5d55", response.Text("uid"));
        Assert.Equal("true", response.Text("allowed"));
        var warning = Assert.Single(response.Strings("warnings"));
        Assert.StartsWith("metadata.annotations[k8s.aliyun.com/eci-image-snapshot-id]: image cache imc-2ze5tm5gehgtiigaz5jh (ImageCache named) is Creating", warning, StringComparison.Ordinal);
        Assert.Contains("not Ready", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pod_naming_a_Creating_cache_is_denied_when_so_configured()
    {
        await using var harness = await ApiHarness.StartAsync(new Dictionary<string, string?> { ["Api:DenyPodsWithUnreadyCache"] = "true" });
        await harness.CreateCacheAsync(Candidates.Object("named", ["nginx:1.7.9"], phase: ImageCachePhase.Creating, id: SeedId));

        var response = await ReviewAsync(harness, Samples.Fixture("pod-create-snapshot-id.json"));

        Assert.Equal("false", response.Text("allowed"));
        Assert.Equal("403", response.Text("status.code"));
        Assert.Equal("Forbidden", response.Text("status.reason"));
        Assert.Equal(["metadata.annotations[k8s.aliyun.com/eci-image-snapshot-id]"], ImageCacheAdmissionTests.Fields(response));
        Assert.Contains("Ready state", response.Text("status.message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pod_naming_an_unknown_id_is_warned_and_a_Ready_one_passes_quietly()
    {
        await using var harness = await ApiHarness.StartAsync();

        var unknown = await ReviewAsync(harness, Samples.Fixture("pod-create-snapshot-id.json"));
        await harness.CreateCacheAsync(Candidates.Object("named", ["nginx:1.7.9"], id: SeedId));
        var ready = await ReviewAsync(harness, Samples.Fixture("pod-create-snapshot-id.json"));

        Assert.Contains("no ImageCache object has status.imageCacheId imc-2ze5tm5gehgtiigaz5jh", Assert.Single(unknown.Strings("warnings")), StringComparison.Ordinal);
        Assert.Equal("true", ready.Text("allowed"));
        Assert.Null(ready["warnings"]);
    }

    [Fact]
    public async Task Auto_match_that_would_match_nothing_names_the_uncached_images()
    {
        await using var harness = await ApiHarness.StartAsync();
        await harness.CreateCacheAsync(Candidates.Object("not-ready", ["nginx:1.7.9", "busybox:1.36"], phase: ImageCachePhase.Creating));
        await harness.CreateCacheAsync(Candidates.Object("unrelated", ["redis:7"]));

        var response = await ReviewAsync(harness, Samples.Fixture("pod-create-auto-match.json"));

        Assert.Equal("true", response.Text("allowed"));
        var warning = Assert.Single(response.Strings("warnings"));
        Assert.StartsWith("metadata.annotations[k8s.aliyun.com/eci-image-cache]: no Ready ImageCache holds any of the pod's images", warning, StringComparison.Ordinal);
        Assert.EndsWith("uncached: docker.io/library/busybox:1.36, docker.io/library/nginx:1.7.9", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Auto_match_with_a_Ready_cache_passes_quietly()
    {
        await using var harness = await ApiHarness.StartAsync();
        await harness.CreateCacheAsync(Candidates.Object("web", ["nginx:1.7.9"]));

        var response = await ReviewAsync(harness, Samples.Fixture("pod-create-auto-match.json"));

        Assert.Equal("true", response.Text("allowed"));
        Assert.Null(response["warnings"]);
    }

    [Fact]
    public async Task An_annotation_on_the_deployment_instead_of_its_pod_template_is_warned_with_the_documentation_notice()
    {
        await using var harness = await ApiHarness.StartAsync();

        var response = await ReviewAsync(harness, Samples.Fixture("deployment-create-annotation-on-metadata.json"));

        Assert.Equal("true", response.Text("allowed"));
        var warnings = response.Strings("warnings");
        Assert.Equal(2, warnings.Count);
        Assert.Equal("metadata.annotations[k8s.aliyun.com/eci-image-cache]: has no effect on a Deployment; move it to spec.template.metadata.annotations", warnings[0]);
        Assert.Equal(
            "ECI ImageCache documentation: \"In the YAML file of a deployment, you must add the annotation for a pod. If you add the annotation for the deployment, the annotation does not take effect.\"",
            warnings[1]);
        Assert.All(warnings, w => Assert.True(w.Length <= AdmissionAnswers.MaxWarningLength));
    }

    [Theory]
    [InlineData("StatefulSet", "apps", "spec.template")]
    [InlineData("Job", "batch", "spec.template")]
    [InlineData("CronJob", "batch", "spec.jobTemplate.spec.template")]
    public async Task Other_workloads_are_checked_too(string kind, string group, string templatePath)
    {
        await using var harness = await ApiHarness.StartAsync();
        var podTemplate = new JsonObject
        {
            ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { ["k8s.aliyun.com/eci-imc-id"] = "imc-missing" } },
            ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "c", ["image"] = "nginx:1.7.9" }) },
        };
        var obj = new JsonObject
        {
            ["kind"] = kind,
            ["metadata"] = new JsonObject { ["name"] = "w", ["annotations"] = new JsonObject { ["k8s.aliyun.com/eci-auto-imc"] = "true" } },
        };
        var parent = obj;
        var parts = templatePath.Split('.');
        foreach (var part in parts[..^1])
        {
            var child = new JsonObject();
            parent[part] = child;
            parent = child;
        }

        parent[parts[^1]] = podTemplate;
        var review = Review(kind, group, "UPDATE", obj);

        var response = await ReviewAsync(harness, review);

        Assert.Equal("true", response.Text("allowed"));
        var warnings = response.Strings("warnings");
        Assert.Contains(warnings, w => w.StartsWith($"metadata.annotations[k8s.aliyun.com/eci-auto-imc]: has no effect on a {kind}", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.StartsWith($"{templatePath}.metadata.annotations[k8s.aliyun.com/eci-imc-id]: no ImageCache object has status.imageCacheId imc-missing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_pod_update_is_refused_as_not_registered_because_ECI_reads_annotations_only_at_creation()
    {
        // deploy/admission.yaml registers Pod CREATE only: an UPDATE is no API server's call (issue 12, item 4).
        await using var harness = await ApiHarness.StartAsync();
        var review = JsonNode.Parse(Samples.Fixture("pod-create-snapshot-id.json"))!;
        review["request"]!["operation"] = "UPDATE";

        var result = await harness.Get<PodAdmission>().ReviewAsync(Encoding.UTF8.GetBytes(review.ToJsonString()), CancellationToken.None);

        Assert.Equal(400, result.StatusCode);
        Assert.Contains("Pod CREATE", Json.Raw(result), StringComparison.Ordinal);
    }

    private static string Review(string kind, string group, string operation, JsonObject obj) => new JsonObject
    {
        ["apiVersion"] = "admission.k8s.io/v1",
        ["kind"] = "AdmissionReview",
        ["request"] = new JsonObject
        {
            ["uid"] = Guid.NewGuid().ToString(),
            ["kind"] = new JsonObject { ["group"] = group, ["version"] = "v1", ["kind"] = kind },
            ["resource"] = new JsonObject { ["group"] = group, ["version"] = "v1", ["resource"] = kind.ToLowerInvariant() + "s" },
            ["operation"] = operation,
            ["namespace"] = "default",
            ["name"] = "w",
            ["object"] = obj,
        },
    }.ToJsonString();

    private static async Task<JsonObject> ReviewAsync(ApiHarness harness, string review)
    {
        var result = await harness.Get<PodAdmission>().ReviewAsync(Encoding.UTF8.GetBytes(review), CancellationToken.None);
        Assert.Equal(200, result.StatusCode);
        return Json.Body(result)["response"]!.AsObject();
    }
}
