using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace ImageCacheFunctions.Emulators.Kubernetes.Tests;

public sealed class ValidationTests
{
    [Theory]
    [InlineData("""{"images":[]}""", "spec.images", "Invalid value: 0: spec.images in body should have at least 1 items")]
    [InlineData("""{"imageCacheSize":25}""", "spec.images", "Required value")]
    [InlineData("""{"images":["nginx"],"imageCacheSize":10}""", "spec.imageCacheSize", "Invalid value: 10: spec.imageCacheSize in body should be greater than or equal to 20")]
    [InlineData("""{"images":["nginx"],"imageCacheSize":40000}""", "spec.imageCacheSize", "Invalid value: 40000: spec.imageCacheSize in body should be less than or equal to 32768")]
    [InlineData("""{"images":["nginx"],"retentionDays":0}""", "spec.retentionDays", "Invalid value: 0: spec.retentionDays in body should be greater than or equal to 1")]
    [InlineData("""{"images":["nginx"],"retentionDays":65537}""", "spec.retentionDays", "Invalid value: 65537: spec.retentionDays in body should be less than or equal to 65536")]
    [InlineData("""{"images":["nginx"],"imagePullSecrets":["nonamespace"]}""", "spec.imagePullSecrets[0]", "Invalid value: \"nonamespace\": spec.imagePullSecrets[0] in body should match")]
    [InlineData("""{"images":["nginx"],"imagePullSecrets":["Default:Secret"]}""", "spec.imagePullSecrets[0]", "should match")]
    [InlineData("""{"images":["nginx"],"imageCacheSize":"big"}""", "spec.imageCacheSize", "spec.imageCacheSize in body must be of type integer: \"string\"")]
    [InlineData("""{"images":"nginx"}""", "spec.images", "spec.images in body must be of type array")]
    public async Task InvalidSpecIsUnprocessableAndNamesTheField(string spec, string field, string message)
    {
        await using var k8s = await RunningEmulator.StartAsync();
        var body = $$"""{"apiVersion":"eci.alibabacloud.com/v1","kind":"ImageCache","metadata":{"name":"bad"},"spec":{{spec}}}""";

        var error = await Assert.ThrowsAsync<HttpOperationException>(() =>
            k8s.Client.CustomObjects.CreateClusterCustomObjectAsync(System.Text.Json.JsonDocument.Parse(body).RootElement, "eci.alibabacloud.com", "v1", "imagecaches"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Response.StatusCode);
        var status = KubernetesJson.Deserialize<V1Status>(error.Response.Content);
        Assert.Equal("Invalid", status.Reason);
        Assert.Equal(422, status.Code);
        Assert.Equal("ImageCache", status.Details.Kind);
        Assert.Equal("eci.alibabacloud.com", status.Details.Group);
        var cause = Assert.Single(status.Details.Causes, c => c.Field == field);
        Assert.Contains(message, cause.Message, StringComparison.Ordinal);
        Assert.StartsWith("ImageCache.eci.alibabacloud.com \"bad\" is invalid: ", status.Message, StringComparison.Ordinal);
        Assert.Empty((await k8s.ImageCaches.ListAsync<ImageCacheObjectList>()).Items);
    }

    [Fact]
    public async Task Valid_seed_values_and_defaults_are_kept()
    {
        await using var k8s = await RunningEmulator.StartAsync();
        var obj = ImageCacheObject.Named("defaults", "nginx");
        obj.Spec!.ImagePullSecrets = ["default:secret1", "kube-system:acr.credentials"];

        var created = await k8s.ImageCaches.CreateAsync(obj);

        Assert.Equal(20, created.Spec!.ImageCacheSize);
        Assert.Null(created.Spec.RetentionDays);
    }

    [Fact]
    public async Task Status_is_validated_on_the_status_endpoint()
    {
        await using var k8s = await RunningEmulator.StartAsync();
        await k8s.ImageCaches.CreateAsync(ImageCacheObject.Named("st"));

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => k8s.Client.CustomObjects.PatchClusterCustomObjectStatusAsync(
            new V1Patch("""{"status":{"expireDateTime":"tomorrow","conditions":[{"type":"Ready","status":"Maybe"}]}}""", V1Patch.PatchType.MergePatch),
            "eci.alibabacloud.com", "v1", "imagecaches", "st"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Response.StatusCode);
        var status = KubernetesJson.Deserialize<V1Status>(error.Response.Content);
        Assert.Contains(status.Details.Causes, c => c.Field == "status.expireDateTime" && c.Message.Contains("must be of type date-time", StringComparison.Ordinal));
        Assert.Contains(status.Details.Causes, c => c.Field == "status.conditions[0].status" && c.Reason == "FieldValueNotSupported");
        Assert.Contains(status.Details.Causes, c => c.Field == "status.conditions[0].lastTransitionTime" && c.Reason == "FieldValueRequired");
    }

    [Fact]
    public async Task Unknown_fields_are_pruned_with_a_warning_or_refused_when_strict()
    {
        await using var k8s = await RunningEmulator.StartAsync();
        const string body = """{"apiVersion":"eci.alibabacloud.com/v1","kind":"ImageCache","metadata":{"name":"extra"},"spec":{"images":["nginx"],"colour":"blue"},"status":{"events":[{"anything":{"goes":1}}]}}""";

        var strict = await Assert.ThrowsAsync<HttpOperationException>(() => k8s.Client.CustomObjects.CreateClusterCustomObjectAsync(
            System.Text.Json.JsonDocument.Parse(body).RootElement, "eci.alibabacloud.com", "v1", "imagecaches", fieldValidation: "Strict"));
        Assert.Equal(HttpStatusCode.BadRequest, strict.Response.StatusCode);
        Assert.Contains("strict decoding error: unknown field \"spec.colour\"", KubernetesJson.Deserialize<V1Status>(strict.Response.Content).Message, StringComparison.Ordinal);

        using var response = await k8s.Client.CustomObjects.CreateClusterCustomObjectWithHttpMessagesAsync(
            System.Text.Json.JsonDocument.Parse(body).RootElement, "eci.alibabacloud.com", "v1", "imagecaches");
        Assert.Contains(response.Response.Headers.GetValues("Warning"), w => w.Contains("unknown field \\\"spec.colour\\\"", StringComparison.Ordinal));
        var stored = await k8s.Client.CustomObjects.GetClusterCustomObjectAsync<System.Text.Json.JsonElement>("eci.alibabacloud.com", "v1", "imagecaches", "extra");
        Assert.False(stored.GetProperty("spec").TryGetProperty("colour", out _));
    }

    [Fact]
    public async Task Preserve_unknown_fields_keeps_event_objects_as_written()
    {
        await using var k8s = await RunningEmulator.StartAsync();
        await k8s.ImageCaches.CreateAsync(ImageCacheObject.Named("events"));

        await k8s.Client.CustomObjects.PatchClusterCustomObjectStatusAsync(
            new V1Patch("""{"status":{"events":[{"count":1,"eventTime":null,"involvedObject":{},"message":"Success pull image busybox:latest","metadata":{"creationTimestamp":null,"name":"busybox:latest"},"source":{"component":"kubelet","host":"eci"},"type":"Normal"}]}}""", V1Patch.PatchType.MergePatch),
            "eci.alibabacloud.com", "v1", "imagecaches", "events");

        var stored = await k8s.Client.CustomObjects.GetClusterCustomObjectAsync<System.Text.Json.JsonElement>("eci.alibabacloud.com", "v1", "imagecaches", "events");
        var ev = stored.GetProperty("status").GetProperty("events")[0];
        Assert.Equal("eci", ev.GetProperty("source").GetProperty("host").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, ev.GetProperty("eventTime").ValueKind);
    }

    [Fact]
    public async Task Seed_status_sample_is_a_valid_status()
    {
        await using var k8s = await RunningEmulator.StartAsync();
        await k8s.ImageCaches.CreateAsync(ImageCacheObject.Named("imagecache-sample-liu", "busybox:latest", "nginx"));
        var sample = Samples.Read("imagecache-status-sample.yaml");
        var status = sample[sample.IndexOf("\nstatus:", StringComparison.Ordinal)..];
        var body = "apiVersion: eci.alibabacloud.com/v1\nkind: ImageCache\nmetadata:\n  name: imagecache-sample-liu" + status;

        using var http = new HttpClient { BaseAddress = k8s.Emulator.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Patch, "apis/eci.alibabacloud.com/v1/imagecaches/imagecache-sample-liu/status?fieldManager=test")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/apply-patch+yaml"),
        };
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var updated = await k8s.ImageCaches.ReadAsync<ImageCacheObject>("imagecache-sample-liu");

        Assert.Equal("Ready", updated.Status!.Phase);
        Assert.Equal("100%", updated.Status.Progress);
        Assert.Equal("imc-2zeditzeoemfhqor4rf8", updated.Status.ImageCacheId);
    }

    [Fact]
    public async Task Bad_names_and_labels_are_invalid()
    {
        await using var k8s = await RunningEmulator.StartAsync();
        var badName = ImageCacheObject.Named("Not_A_Name");
        var badLabel = ImageCacheObject.Named("ok");
        badLabel.Metadata.Labels = new Dictionary<string, string> { ["repo.imagecache.functions.openfaas.dev/abc"] = "has spaces" };

        var nameError = await Assert.ThrowsAsync<HttpOperationException>(() => k8s.ImageCaches.CreateAsync(badName));
        var labelError = await Assert.ThrowsAsync<HttpOperationException>(() => k8s.ImageCaches.CreateAsync(badLabel));

        Assert.Contains("metadata.name: Invalid value: \"Not_A_Name\": a lowercase RFC 1123 subdomain", KubernetesJson.Deserialize<V1Status>(nameError.Response.Content).Message, StringComparison.Ordinal);
        Assert.Contains("metadata.labels: Invalid value: \"has spaces\"", KubernetesJson.Deserialize<V1Status>(labelError.Response.Content).Message, StringComparison.Ordinal);
    }
}
