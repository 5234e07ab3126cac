using System.Text;
using System.Text.Json.Nodes;
using ImageCacheFunctions.Api.Tests.Support;
using ImageCacheFunctions.ImageCaches.Operations.Api;

namespace ImageCacheFunctions.Api.Tests.Emulated;

/// <summary>
/// The ImageCache validating webhook with AdmissionReview v1 fixtures (Fixtures/*.json); secrets
/// are read from the Kubernetes emulator through KubernetesClient.
/// </summary>
public sealed class ImageCacheAdmissionTests
{
    [Fact]
    public async Task The_seed_sample_is_allowed_when_its_secrets_exist()
    {
        await using var harness = await ApiHarness.StartAsync();
        await harness.CreateDockerSecretAsync("default", "secret1");
        await harness.CreateDockerSecretAsync("default", "secret2");
        await harness.CreateDockerSecretAsync("kube-system", "secret3");

        var response = await ReviewAsync(harness, Samples.Fixture("imagecache-create-seed-sample.json"));

        Assert.Equal("705ab4f5-6393-11e8-b7cc-42010a800002", response.Text("uid"));
        Assert.Equal("true", response.Text("allowed"));
        Assert.Null(response["status"]);
        Assert.Null(response["warnings"]);
    }

    [Fact]
    public async Task The_seed_sample_is_denied_while_its_secrets_are_missing_naming_each_entry()
    {
        await using var harness = await ApiHarness.StartAsync();
        await harness.CreateDockerSecretAsync("default", "secret2");

        var response = await ReviewAsync(harness, Samples.Fixture("imagecache-create-seed-sample.json"));

        Assert.Equal("false", response.Text("allowed"));
        Assert.Equal("422", response.Text("status.code"));
        Assert.Equal("Invalid", response.Text("status.reason"));
        Assert.Equal(["spec.imagePullSecrets[0]", "spec.imagePullSecrets[2]"], Fields(response));
        // The same words whether a secret is missing, of another type or for other registries (no secret oracle).
        Assert.Equal(["FieldValueInvalid", "FieldValueInvalid"], Causes(response).Select(c => c.Text("reason")));
        Assert.StartsWith("ImageCache.eci.alibabacloud.com \"imagecache-sample\" is invalid: spec.imagePullSecrets[0]: Invalid value: \"default:secret1\": cannot be used", response.Text("status.message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_secrets_only_warn_when_so_configured()
    {
        await using var harness = await ApiHarness.StartAsync(new Dictionary<string, string?> { ["Api:DenyMissingPullSecrets"] = "false" });

        var response = await ReviewAsync(harness, Samples.Fixture("imagecache-create-seed-sample.json"));

        Assert.Equal("true", response.Text("allowed"));
        Assert.Equal(3, response.Strings("warnings").Count);
        Assert.All(response.Strings("warnings"), w => Assert.StartsWith("spec.imagePullSecrets[", w, StringComparison.Ordinal));
    }

    [Fact]
    public async Task What_a_schema_cannot_say_is_denied_with_field_paths()
    {
        await using var harness = await ApiHarness.StartAsync();

        var response = await ReviewAsync(harness, Samples.Fixture("imagecache-create-invalid.json"));

        Assert.Equal("0df28fbd-5f5f-4b2e-9f6c-3d3f0c4f2a11", response.Text("uid"));
        Assert.Equal("false", response.Text("allowed"));
        Assert.Equal(
            [
                "spec.images[1]", "spec.images[2]", "spec.images[3]", "spec.imageCacheSize", "spec.retentionDays",
                "spec.imagePullSecrets[0]", "spec.imagePullSecrets[1]",
            ],
            Fields(response));
        var causes = Causes(response).ToDictionary(c => c.Text("field")!, c => c);
        Assert.Contains("must be lowercase", causes["spec.images[1]"].Text("message"), StringComparison.Ordinal);
        Assert.Equal("FieldValueDuplicate", causes["spec.images[2]"].Text("reason"));
        Assert.Contains("spec.images[0] (docker.io/library/nginx:1.7.9)", causes["spec.images[2]"].Text("message"), StringComparison.Ordinal);
        Assert.Contains("sha256 needs exactly 64", causes["spec.images[3]"].Text("message"), StringComparison.Ordinal);
        Assert.Contains("from 20 to 32768", causes["spec.imageCacheSize"].Text("message"), StringComparison.Ordinal);
        Assert.Contains("namespace:name", causes["spec.imagePullSecrets[0]"].Text("message"), StringComparison.Ordinal);
        Assert.Contains(ImageCacheAdmission.SecretCannotBeUsed, causes["spec.imagePullSecrets[1]"].Text("message"), StringComparison.Ordinal);
        // The repeated secret is harmless: a warning, not a denial.
        Assert.Contains(response.Strings("warnings"), w => w.StartsWith("spec.imagePullSecrets[2]: Duplicate value", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_cache_smaller_than_its_stated_images_is_denied()
    {
        await using var harness = await ApiHarness.StartAsync();

        var response = await ReviewAsync(harness, Samples.Fixture("imagecache-create-too-small.json"));

        Assert.Equal("false", response.Text("allowed"));
        Assert.Equal(["spec.imageCacheSize"], Fields(response));
        Assert.Contains("30Gi", response.Text("status.message"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("30Gi", 40, true, "less than 2x")]
    [InlineData("30Gi", 60, true, null)]
    [InlineData("900Mi", 20, true, null)]
    [InlineData("11Gi", 20, true, "less than 2x")]
    [InlineData("lots", 20, false, null)]
    public async Task The_size_rule_applies_only_where_the_images_size_is_stated(string imagesSize, int cacheSize, bool allowed, string? warning)
    {
        await using var harness = await ApiHarness.StartAsync();
        var review = JsonNode.Parse(Samples.Fixture("imagecache-create-too-small.json"))!;
        review["request"]!["object"]!["metadata"]!["annotations"]!["imagecache.functions.openfaas.dev/images-size"] = imagesSize;
        review["request"]!["object"]!["spec"]!["imageCacheSize"] = cacheSize;

        var response = await ReviewAsync(harness, review.ToJsonString());

        Assert.Equal(allowed ? "true" : "false", response.Text("allowed"));
        if (warning is null)
        {
            Assert.DoesNotContain(response.Strings("warnings"), w => w.StartsWith("spec.imageCacheSize", StringComparison.Ordinal));
        }
        else
        {
            Assert.Contains(response.Strings("warnings"), w => w.StartsWith("spec.imageCacheSize", StringComparison.Ordinal) && w.Contains(warning, StringComparison.Ordinal));
        }
    }

    /// <summary>
    /// A wrong value of each ImageCache annotation (Alibaba Cloud, "Image cache annotations";
    /// ours under imagecache.functions.openfaas.dev/) is denied, naming the annotation's field.
    /// </summary>
    [Theory]
    [InlineData("k8s.aliyun.com/vswitch-ids", "vsw-bp1dktddjsg5nktv0001,subnet-1", "subnet-1")]
    [InlineData("k8s.aliyun.com/security-group-id", "default", "expected an ID like \"sg-")]
    [InlineData("k8s.aliyun.com/resource-group-id", "my-group", "expected an ID like \"rg-")]
    [InlineData("k8s.aliyun.com/acr-instance-ids", "acr-enterprise-1", "cri-j36zhodptmyq")]
    [InlineData("k8s.aliyun.com/acr-service-arns", "arn:aws:iam::1:role/x", "acs:ram::")]
    [InlineData("k8s.aliyun.com/acr-user-arns", "acs:ram::1298452580000000:role/role-acr", "acr-instance-ids, which is not set")]
    [InlineData("k8s.aliyun.com/plain-http-registry", "http://harbor.example.com", "http://harbor.example.com")]
    [InlineData("k8s.aliyun.com/insecure-registry", "harbor.example.com/path", "harbor.example.com/path")]
    [InlineData("k8s.aliyun.com/imc-enable-reuse", "yes", "\"true\", \"false\"")]
    [InlineData("k8s.aliyun.com/imc-enable-flash", "on", "\"true\", \"false\"")]
    [InlineData("k8s.aliyun.com/imc-cpu-arch", "sparc", "supported values: \"amd64\", \"arm64\"")]
    [InlineData("k8s.aliyun.com/imc-os-type", "plan9", "supported values: \"linux\", \"windows\"")]
    [InlineData("imagecache.functions.openfaas.dev/zone-id", "Hangzhou G", "cn-hangzhou-g")]
    [InlineData("imagecache.functions.openfaas.dev/eip-instance-id", "1.2.3.4", "eip-")]
    [InlineData("imagecache.functions.openfaas.dev/flash-copy-count", "0", "from 1 to 100")]
    [InlineData("imagecache.functions.openfaas.dev/standard-copy-count", "many", "from 1 to 100")]
    [InlineData("imagecache.functions.openfaas.dev/elimination-strategy", "FIFO", "\"LRU\"")]
    public async Task A_wrong_annotation_value_is_denied_naming_the_annotation(string annotation, string value, string explained)
    {
        await using var harness = await ApiHarness.StartAsync();
        var review = JsonNode.Parse(Samples.Fixture("imagecache-create-seed-sample.json"))!;
        var obj = review["request"]!["object"]!;
        obj["spec"]!.AsObject().Remove("imagePullSecrets");
        obj["metadata"]!["annotations"] = new JsonObject { [annotation] = value };

        var response = await ReviewAsync(harness, review.ToJsonString());

        Assert.Equal("false", response.Text("allowed"));
        Assert.Equal([$"metadata.annotations[{annotation}]"], Fields(response));
        Assert.Contains(explained, Assert.Single(Causes(response)).Text("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_documentations_example_annotations_are_allowed()
    {
        await using var harness = await ApiHarness.StartAsync();
        var review = JsonNode.Parse(Samples.Fixture("imagecache-create-seed-sample.json"))!;
        var obj = review["request"]!["object"]!;
        obj["spec"]!.AsObject().Remove("imagePullSecrets");
        obj["metadata"]!["annotations"] = new JsonObject
        {
            ["k8s.aliyun.com/vswitch-ids"] = "vsw-bp1dktddjsg5nktv0001,vsw-bp1xpiowfm5vo8o3c0002",
            ["k8s.aliyun.com/acr-instance-ids"] = "cn-beijing:cri-j36zhodptmyq0001",
            ["k8s.aliyun.com/acr-service-arns"] = "acs:ram::1609982529000000:role/role-assume",
            ["k8s.aliyun.com/plain-http-registry"] = "harbor001.pre.com,192.168.1.10:5000,reg001.test.com:80",
            ["k8s.aliyun.com/imc-cpu-arch"] = "arm64",
            ["k8s.aliyun.com/imc-enable-flash"] = "true",
        };

        var response = await ReviewAsync(harness, review.ToJsonString());

        Assert.Equal("true", response.Text("allowed"));
    }

    [Fact]
    public async Task An_update_keeps_working_around_a_problem_the_object_already_had()
    {
        await using var harness = await ApiHarness.StartAsync();

        var response = await ReviewAsync(harness, Samples.Fixture("imagecache-update.json"));

        Assert.Equal("true", response.Text("allowed"));
        Assert.Contains(response.Strings("warnings"), w => w.StartsWith("spec.imagePullSecrets[0]: Invalid value", StringComparison.Ordinal) && w.Contains("already so before this update", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_update_that_adds_a_problem_is_denied()
    {
        await using var harness = await ApiHarness.StartAsync();
        var review = JsonNode.Parse(Samples.Fixture("imagecache-update.json"))!;
        review["request"]!["object"]!["spec"]!["images"]!.AsArray().Add("redis:7");

        var response = await ReviewAsync(harness, review.ToJsonString());

        Assert.Equal("false", response.Text("allowed"));
        Assert.Equal(["spec.images[2]"], Fields(response));
    }

    [Fact]
    public async Task Status_writes_deletes_and_other_kinds_are_refused_as_not_registered()
    {
        // deploy/admission.yaml registers CREATE and UPDATE of imagecaches only; anything else
        // is a caller probing the anonymous route, not the API server (issue 12, item 4).
        await using var harness = await ApiHarness.StartAsync();
        var delete = JsonNode.Parse(Samples.Fixture("imagecache-create-invalid.json"))!;
        delete["request"]!["operation"] = "DELETE";
        var secret = JsonNode.Parse(Samples.Fixture("imagecache-create-invalid.json"))!;
        secret["request"]!["kind"] = new JsonObject { ["group"] = "", ["version"] = "v1", ["kind"] = "Secret" };

        foreach (var review in new[] { Samples.Fixture("imagecache-status-update.json"), delete.ToJsonString(), secret.ToJsonString() })
        {
            var result = await harness.Get<ImageCacheAdmission>().ReviewAsync(Encoding.UTF8.GetBytes(review), CancellationToken.None);

            Assert.Equal(400, result.StatusCode);
            Assert.Contains("CREATE and UPDATE of imagecaches.eci.alibabacloud.com only", Json.Raw(result), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("not json", "not an AdmissionReview")]
    [InlineData("""{"apiVersion":"admission.k8s.io/v1beta1","kind":"AdmissionReview","request":{"uid":"x"}}""", "admissionReviewVersions")]
    [InlineData("""{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview"}""", "request.uid")]
    [InlineData("""{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"x","kind":{"group":"eci.alibabacloud.com","version":"v1","kind":"ImageCache"},"resource":{"group":"eci.alibabacloud.com","version":"v1","resource":"imagecaches"},"operation":"CREATE","object":"oops"}}""", "request.object")]
    public async Task A_malformed_review_is_a_400(string body, string expected)
    {
        await using var harness = await ApiHarness.StartAsync();

        var result = await harness.Get<ImageCacheAdmission>().ReviewAsync(Encoding.UTF8.GetBytes(body), CancellationToken.None);

        Assert.Equal(400, result.StatusCode);
        Assert.Contains(expected, Json.Raw(result), StringComparison.Ordinal);
    }

    internal static async Task<JsonObject> ReviewAsync(ApiHarness harness, string review)
    {
        var result = await harness.Get<ImageCacheAdmission>().ReviewAsync(Encoding.UTF8.GetBytes(review), CancellationToken.None);
        Assert.Equal(200, result.StatusCode);
        var body = Json.Body(result);
        Assert.Equal("admission.k8s.io/v1", body.Text("apiVersion"));
        Assert.Equal("AdmissionReview", body.Text("kind"));
        return body["response"]!.AsObject();
    }

    internal static IEnumerable<JsonNode> Causes(JsonObject response) =>
        (response["status"]?["details"]?["causes"] as JsonArray ?? []).Select(c => c!);

    internal static string[] Fields(JsonObject response) => [.. Causes(response).Select(c => c.Text("field")!)];
}
