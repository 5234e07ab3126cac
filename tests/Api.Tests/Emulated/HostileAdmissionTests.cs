using System.Text;
using System.Text.Json.Nodes;
using ImageCacheFunctions.Api.Tests.Support;
using ImageCacheFunctions.ImageCaches.Kubernetes;
using ImageCacheFunctions.ImageCaches.Operations.Api;
using ImageCacheFunctions.ImageCaches.Resources;
using ImageCacheFunctions.ImageCaches.Text;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Options;

namespace ImageCacheFunctions.Api.Tests.Emulated;

/// <summary>
/// Issue 12, items 1, 4 and 6: the anonymous admission route under the hostile reviews the
/// attack used, generated in memory. Each answer and each log line stays small, whatever the
/// review holds, and a denial tells nothing about secrets beyond "cannot be used".
/// </summary>
public sealed class HostileAdmissionTests
{
    /// <summary>Bigger than any answer below may be: a few causes and a bounded message.</summary>
    private const int SmallAnswer = 16 * 1024;

    /// <summary>What one review may allocate, whatever its size: what is read from it, never the body again.</summary>
    private const int MaxAllocatedPerReview = 64 * 1024;

    [Fact]
    public async Task Three_hundred_thousand_duplicate_images_get_one_small_denial()
    {
        // Before: an 86 MB answer with a 32 MB message and 299,999 causes, 7 s, 1.1 GB peak.
        await using var harness = await ApiHarness.StartAsync();
        var review = Review(Cache("dupes", images: Enumerable.Repeat("nginx", 300_000)));

        var result = await harness.Get<ImageCacheAdmission>().ReviewAsync(Encoding.UTF8.GetBytes(review), CancellationToken.None);

        Assert.Equal(200, result.StatusCode);
        Assert.True(Json.Raw(result).Length < SmallAnswer, $"answer of {Json.Raw(result).Length} characters");
        var response = Json.Body(result)["response"]!.AsObject();
        Assert.Equal("false", response.Text("allowed"));
        var cause = Assert.Single(ImageCacheAdmissionTests.Causes(response));
        Assert.Equal("FieldValueTooMany", cause.Text("reason"));
        Assert.Equal("spec.images", cause.Text("field"));
        Assert.Contains($"Too many: must have at most {ImageCacheSpec.MaxImages}", cause.Text("message"), StringComparison.Ordinal);
    }

    /// <summary>
    /// A review costs its body and what is read from it, whatever it holds: reviewing each of
    /// the worst reviews (up to 3 MiB) allocates under <see cref="MaxAllocatedPerReview"/>.
    /// Before: the body as a string and a JSON DOM of every item, tens of times the body (over
    /// 100 MB for one review); with a JsonDocument, two to three times the body.
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task The_worst_reviews_cost_what_is_read_from_them_not_their_size(int which)
    {
        await using var harness = await ApiHarness.StartAsync();
        var (route, body) = WorstReviews.UpTo(AdmissionAnswers.MaxReviewBytes)[which];
        Task<ApiResult> ReviewAsync() => route == WorstReviews.PodsRoute
            ? harness.Get<PodAdmission>().ReviewAsync(body, CancellationToken.None)
            : harness.Get<ImageCacheAdmission>().ReviewAsync(body, CancellationToken.None);
        await ReviewAsync(); // first call compiles the code paths

        // This thread's allocations only (other tests run beside this one): the review waits on
        // nothing (no secret is read for these), so it runs to its end on this thread.
        var before = GC.GetAllocatedBytesForCurrentThread();
        var reviewing = ReviewAsync();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(reviewing.IsCompletedSuccessfully, "the review waited on something: this thread did not do all of it");
        var result = await reviewing;

        Assert.True(result.StatusCode is 200 or 400, $"{result.StatusCode}");
        Assert.True(allocated < MaxAllocatedPerReview, $"review {which} ({route}, {body.Length} bytes) allocated {allocated} bytes");
    }

    [Fact]
    public async Task Thousands_of_pull_secrets_are_one_cause_and_no_secret_is_read()
    {
        await using var harness = await ApiHarness.StartAsync();
        harness.Emulator.ClearRequests();
        var review = Review(Cache("secrets", images: ["nginx"], secrets: Enumerable.Range(0, 5_000).Select(i => $"default:s{i}")));

        var response = Json.Body(await harness.Get<ImageCacheAdmission>().ReviewAsync(Encoding.UTF8.GetBytes(review), CancellationToken.None))["response"]!.AsObject();

        Assert.Equal("false", response.Text("allowed"));
        Assert.Equal("FieldValueTooMany", Assert.Single(ImageCacheAdmissionTests.Causes(response)).Text("reason"));
        Assert.Equal(0, harness.Emulator.CountRequests("get", "secrets"));
    }

    [Fact]
    public void A_denial_with_many_causes_is_bounded_in_count_and_bytes()
    {
        var request = new AdmissionRequest { Uid = "u", Name = "x", Kind = new GroupVersionKind(ImageCacheResource.Group, "v1", ImageCacheResource.Kind) };
        var problems = Enumerable.Range(0, 10_000)
            .Select(i => new AdmissionProblem($"spec.images[{i}]", AdmissionProblem.Invalid, "Invalid value: " + new string('x', 2_000), Denies: true))
            .ToList();

        var result = AdmissionAnswers.Deny(request, 422, "Invalid", AdmissionAnswers.InvalidMessage("ImageCache", "x", problems), problems, problems.Select(p => p.Message));

        var status = Json.Body(result)["response"]!["status"]!;
        Assert.Equal(AdmissionAnswers.MaxCauses, status["details"]!["causes"]!.AsArray().Count);
        Assert.True(status.Text("message")!.Length <= AdmissionAnswers.MaxMessageLength);
        Assert.EndsWith("more", status.Text("message"), StringComparison.Ordinal);
        Assert.All(status["details"]!["causes"]!.AsArray(), c => Assert.True(c!.Text("message")!.Length <= AdmissionAnswers.MaxCauseMessageLength));
        Assert.True(Json.Raw(result).Length < 32 * 1024, $"answer of {Json.Raw(result).Length} characters");
    }

    [Fact]
    public async Task A_megabyte_name_is_refused_and_never_logged_whole()
    {
        // Before: a denied review with a 1 MB name wrote 3 MB of log and echoed the name back twice.
        await using var harness = await ApiHarness.StartAsync();
        var logger = new RecordingLogger<ImageCacheAdmission>();
        var admission = new ImageCacheAdmission(harness.Get<ImagePullSecretResolver>(), harness.Get<ReconcileTrigger>(), harness.Get<IOptions<ApiOptions>>(), logger);
        var hugeName = new string('a', 1024 * 1024);
        var named = Review(Cache(hugeName, images: ["Bad_Image"]), name: hugeName);
        // A generated name: the API server sends no request.name, the object's metadata holds the (huge) name.
        var generated = Review(Cache(hugeName, images: ["Bad_Image"]), name: null);

        var refused = await admission.ReviewAsync(Encoding.UTF8.GetBytes(named), CancellationToken.None);
        var denied = await admission.ReviewAsync(Encoding.UTF8.GetBytes(generated), CancellationToken.None);

        Assert.Equal(400, refused.StatusCode);
        Assert.Equal(200, denied.StatusCode);
        Assert.True(Json.Raw(refused).Length < SmallAnswer && Json.Raw(denied).Length < SmallAnswer);
        Assert.NotEmpty(logger.Lines);
        Assert.All(logger.Lines, line => Assert.True(line.Length < 1024, $"log line of {line.Length} characters"));
    }

    [Fact]
    public async Task A_denial_does_not_tell_which_secrets_exist_or_what_they_hold()
    {
        await using var harness = await ApiHarness.StartAsync();
        // kube-system:real exists but is an Opaque secret; kube-system:ghost does not exist.
        await harness.Client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret { Metadata = new V1ObjectMeta { Name = "real", NamespaceProperty = "kube-system" }, Type = "Opaque", StringData = new Dictionary<string, string> { ["k"] = "v" } },
            "kube-system");
        var review = Review(Cache("probe", images: ["nginx"], secrets: ["kube-system:real", "kube-system:ghost"]));

        var response = Json.Body(await harness.Get<ImageCacheAdmission>().ReviewAsync(Encoding.UTF8.GetBytes(review), CancellationToken.None))["response"]!.AsObject();

        var causes = ImageCacheAdmissionTests.Causes(response).ToList();
        Assert.Equal(2, causes.Count);
        Assert.Equal(causes[0].Text("reason"), causes[1].Text("reason"));
        Assert.Equal(
            causes[0].Text("message")!.Replace("real", "NAME", StringComparison.Ordinal),
            causes[1].Text("message")!.Replace("ghost", "NAME", StringComparison.Ordinal));
        Assert.DoesNotContain("Opaque", response.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("not found", response.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("CONNECT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task Only_create_and_update_of_imagecaches_are_answered(string operation)
    {
        await using var harness = await ApiHarness.StartAsync();
        var review = JsonNode.Parse(Review(Cache("x", images: ["nginx"])))!;
        review["request"]!["operation"] = operation;

        var result = await harness.Get<ImageCacheAdmission>().ReviewAsync(Encoding.UTF8.GetBytes(review.ToJsonString()), CancellationToken.None);

        Assert.Equal(400, result.StatusCode);
    }

    [Fact]
    public async Task A_review_without_kind_or_resource_is_not_from_the_api_server()
    {
        await using var harness = await ApiHarness.StartAsync();
        var review = JsonNode.Parse(Review(Cache("x", images: ["nginx"])))!;
        review["request"]!.AsObject().Remove("resource");

        var result = await harness.Get<ImageCacheAdmission>().ReviewAsync(Encoding.UTF8.GetBytes(review.ToJsonString()), CancellationToken.None);

        Assert.Equal(400, result.StatusCode);
        Assert.Contains("request.resource", Json.Raw(result), StringComparison.Ordinal);
    }

    [Fact]
    public void Bounded_text_cuts_and_keeps_one_line()
    {
        var text = BoundedText.ForLog("line1\nline2" + new string('z', 10_000));

        Assert.Equal(BoundedText.MaxLogValueLength, text.Length);
        Assert.DoesNotContain('\n', text);
        Assert.EndsWith("...", text, StringComparison.Ordinal);
        Assert.Equal("short", BoundedText.ForLog("short"));
    }

    internal static JsonObject Cache(string name, IEnumerable<string> images, IEnumerable<string>? secrets = null)
    {
        var spec = new JsonObject { ["images"] = new JsonArray([.. images.Select(i => (JsonNode)JsonValue.Create(i))]) };
        if (secrets is not null)
        {
            spec["imagePullSecrets"] = new JsonArray([.. secrets.Select(s => (JsonNode)JsonValue.Create(s))]);
        }

        return new JsonObject
        {
            ["apiVersion"] = ImageCacheResource.ApiVersion,
            ["kind"] = ImageCacheResource.Kind,
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = spec,
        };
    }

    internal static string Review(JsonObject cache, string? name = "")
    {
        var request = new JsonObject
        {
            ["uid"] = Guid.NewGuid().ToString(),
            ["kind"] = new JsonObject { ["group"] = ImageCacheResource.Group, ["version"] = "v1", ["kind"] = ImageCacheResource.Kind },
            ["resource"] = new JsonObject { ["group"] = ImageCacheResource.Group, ["version"] = "v1", ["resource"] = ImageCacheResource.Plural },
            ["operation"] = "CREATE",
            ["object"] = cache,
        };
        if (name is not null)
        {
            request["name"] = name.Length == 0 ? cache["metadata"]!["name"]!.GetValue<string>() : name;
        }

        return new StringBuilder().Append(new JsonObject { ["apiVersion"] = "admission.k8s.io/v1", ["kind"] = "AdmissionReview", ["request"] = request }.ToJsonString()).ToString();
    }
}
