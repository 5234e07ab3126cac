using System.Net;
using System.Text;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace ImageCacheFunctions.Emulators.Kubernetes.Tests;

public sealed class ImageCacheLifecycleTests
{
    private const string G = ImageCacheObject.Group;
    private const string V = ImageCacheObject.Version;
    private const string P = ImageCacheObject.Plural;

    [Fact]
    public async Task Seed_sample_is_created_and_read_back_with_server_fields()
    {
        await using var k8s = await RunningEmulator.StartAsync();
        var sample = LoadSample("imagecache-sample.yaml");

        var created = await k8s.Client.CustomObjects.CreateClusterCustomObjectAsync<ImageCacheObject>(sample, G, V, P);
        var read = await k8s.ImageCaches.ReadAsync<ImageCacheObject>("imagecache-sample");

        Assert.Equal(["centos:latest", "busybox:latest"], read.Spec!.Images!);
        Assert.Equal(["default:secret1", "default:secret2", "kube-system:secret3"], read.Spec.ImagePullSecrets!);
        Assert.Equal(25, read.Spec.ImageCacheSize);
        Assert.Equal(7, read.Spec.RetentionDays);
        Assert.Equal(1, read.Metadata.Generation);
        Assert.False(string.IsNullOrEmpty(read.Metadata.Uid));
        Assert.NotNull(read.Metadata.CreationTimestamp);
        Assert.Equal(created.Metadata.ResourceVersion, read.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Yaml_body_as_in_the_seed_curl_sample_is_accepted()
    {
        await using var k8s = await RunningEmulator.StartAsync();
        using var http = new HttpClient { BaseAddress = k8s.Emulator.BaseUri };
        using var content = new StringContent(Samples.Read("imagecache-create-curl.yaml"), Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/yaml");

        using var response = await http.PostAsync("apis/eci.alibabacloud.com/v1/imagecaches", content);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var root = body.RootElement;
        Assert.Equal("imagecache-secrets-test", root.GetProperty("metadata").GetProperty("name").GetString());
        Assert.Equal("default:acr-test", root.GetProperty("spec").GetProperty("imagePullSecrets")[0].GetString());
        Assert.Equal(20, root.GetProperty("spec").GetProperty("imageCacheSize").GetInt32());
    }

    [Fact]
    public async Task Creating_an_existing_name_is_already_exists()
    {
        await using var k8s = await RunningEmulator.StartAsync();
        await k8s.ImageCaches.CreateAsync(ImageCacheObject.Named("dup"));

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => k8s.ImageCaches.CreateAsync(ImageCacheObject.Named("dup")));

        Assert.Equal(HttpStatusCode.Conflict, error.Response.StatusCode);
        var status = KubernetesJson.Deserialize<V1Status>(error.Response.Content);
        Assert.Equal("AlreadyExists", status.Reason);
        Assert.Equal("imagecaches.eci.alibabacloud.com \"dup\" already exists", status.Message);
    }

    [Fact]
    public async Task Missing_object_is_not_found_with_the_apiserver_status()
    {
        await using var k8s = await RunningEmulator.StartAsync();

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => k8s.ImageCaches.ReadAsync<ImageCacheObject>("imagecache-secrets-test"));

        Assert.Equal(HttpStatusCode.NotFound, error.Response.StatusCode);
        var status = KubernetesJson.Deserialize<V1Status>(error.Response.Content);
        Assert.Equal("Status", status.Kind);
        Assert.Equal("v1", status.ApiVersion);
        Assert.Equal("Failure", status.Status);
        Assert.Equal("NotFound", status.Reason);
        Assert.Equal(404, status.Code);
        Assert.Equal("imagecaches.eci.alibabacloud.com \"imagecache-secrets-test\" not found", status.Message);
        Assert.Equal("imagecache-secrets-test", status.Details.Name);
        Assert.Equal("eci.alibabacloud.com", status.Details.Group);
        Assert.Equal("imagecaches", status.Details.Kind);
    }

    [Fact]
    public async Task Status_update_with_stale_resource_version_conflicts_and_fresh_one_wins()
    {
        await using var k8s = await RunningEmulator.StartAsync();
        var created = await k8s.ImageCaches.CreateAsync(ImageCacheObject.Named("rv"));
        var stale = await k8s.ImageCaches.ReadAsync<ImageCacheObject>("rv");
        await k8s.ImageCaches.PatchAsync<ImageCacheObject>(new V1Patch("""{"metadata":{"labels":{"touched":"yes"}}}""", V1Patch.PatchType.MergePatch), "rv");

        stale.Status = new ImageCacheStatus { Phase = "Creating" };
        var error = await Assert.ThrowsAsync<HttpOperationException>(() =>
            k8s.Client.CustomObjects.ReplaceClusterCustomObjectStatusAsync<ImageCacheObject>(stale, G, V, P, "rv"));
        Assert.Equal(HttpStatusCode.Conflict, error.Response.StatusCode);
        var status = KubernetesJson.Deserialize<V1Status>(error.Response.Content);
        Assert.Equal("Conflict", status.Reason);
        Assert.Equal("Operation cannot be fulfilled on imagecaches.eci.alibabacloud.com \"rv\": the object has been modified; please apply your changes to the latest version and try again", status.Message);

        var fresh = await k8s.ImageCaches.ReadAsync<ImageCacheObject>("rv");
        fresh.Status = new ImageCacheStatus { Phase = "Creating" };
        var updated = await k8s.Client.CustomObjects.ReplaceClusterCustomObjectStatusAsync<ImageCacheObject>(fresh, G, V, P, "rv");
        Assert.Equal("Creating", updated.Status!.Phase);
        Assert.True(long.Parse(updated.Metadata.ResourceVersion) > long.Parse(fresh.Metadata.ResourceVersion));
        Assert.NotEqual(created.Metadata.ResourceVersion, updated.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Update_without_resource_version_is_rejected_for_custom_resources()
    {
        await using var k8s = await RunningEmulator.StartAsync();
        await k8s.ImageCaches.CreateAsync(ImageCacheObject.Named("norv"));
        var replacement = ImageCacheObject.Named("norv", "nginx:1");

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => k8s.ImageCaches.ReplaceAsync(replacement, "norv"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Response.StatusCode);
        Assert.Contains("metadata.resourceVersion: Invalid value: 0x0: must be specified for an update", KubernetesJson.Deserialize<V1Status>(error.Response.Content).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Spec_change_bumps_generation_but_status_and_metadata_writes_do_not()
    {
        await using var k8s = await RunningEmulator.StartAsync();
        await k8s.ImageCaches.CreateAsync(ImageCacheObject.Named("gen", "nginx:1"));

        var afterStatus = await k8s.Client.CustomObjects.PatchClusterCustomObjectStatusAsync<ImageCacheObject>(
            new V1Patch("""{"status":{"phase":"Ready","observedGeneration":1}}""", V1Patch.PatchType.MergePatch), G, V, P, "gen");
        Assert.Equal(1, afterStatus.Metadata.Generation);

        var afterLabel = await k8s.ImageCaches.PatchAsync<ImageCacheObject>(
            new V1Patch("""{"metadata":{"labels":{"a":"b"},"annotations":{"x":"y"}}}""", V1Patch.PatchType.MergePatch), "gen");
        Assert.Equal(1, afterLabel.Metadata.Generation);

        var current = await k8s.ImageCaches.ReadAsync<ImageCacheObject>("gen");
        current.Spec!.Images = ["nginx:2"];
        var afterSpec = await k8s.ImageCaches.ReplaceAsync(current, "gen");
        Assert.Equal(2, afterSpec.Metadata.Generation);
        Assert.Equal("Ready", afterSpec.Status!.Phase);
    }

    [Fact]
    public async Task Main_endpoint_ignores_status_and_status_endpoint_ignores_spec()
    {
        await using var k8s = await RunningEmulator.StartAsync();
        var created = ImageCacheObject.Named("split", "nginx:1");
        created.Status = new ImageCacheStatus { Phase = "Ready" };
        var stored = await k8s.ImageCaches.CreateAsync(created);
        Assert.Null(stored.Status);

        var viaMain = await k8s.ImageCaches.PatchAsync<ImageCacheObject>(
            new V1Patch("""{"status":{"phase":"Ready"}}""", V1Patch.PatchType.MergePatch), "split");
        Assert.Null(viaMain.Status);
        Assert.Equal(stored.Metadata.ResourceVersion, viaMain.Metadata.ResourceVersion);

        var viaStatus = await k8s.Client.CustomObjects.PatchClusterCustomObjectStatusAsync<ImageCacheObject>(
            new V1Patch("""{"spec":{"images":["evil:1"]},"metadata":{"labels":{"x":"y"}},"status":{"phase":"Ready"}}""", V1Patch.PatchType.MergePatch), G, V, P, "split");
        Assert.Equal(["nginx:1"], viaStatus.Spec!.Images!);
        Assert.Null(viaStatus.Metadata.Labels);
        Assert.Equal("Ready", viaStatus.Status!.Phase);
    }

    [Fact]
    public async Task Write_that_changes_nothing_keeps_the_resource_version()
    {
        await using var k8s = await RunningEmulator.StartAsync();
        var created = await k8s.ImageCaches.CreateAsync(ImageCacheObject.Named("same", "nginx:1"));

        var patched = await k8s.ImageCaches.PatchAsync<ImageCacheObject>(
            new V1Patch("""{"spec":{"images":["nginx:1"]}}""", V1Patch.PatchType.MergePatch), "same");

        Assert.Equal(created.Metadata.ResourceVersion, patched.Metadata.ResourceVersion);
        Assert.Equal(1, patched.Metadata.Generation);
    }

    [Fact]
    public async Task Finalizer_blocks_deletion_until_removed()
    {
        await using var k8s = await RunningEmulator.StartAsync();
        var obj = ImageCacheObject.Named("fin");
        obj.Metadata.Finalizers = ["imagecache.functions.openfaas.dev/eci-cache"];
        await k8s.ImageCaches.CreateAsync(obj);

        var deleteAnswer = await k8s.ImageCaches.DeleteAsync<ImageCacheObject>("fin");
        Assert.NotNull(deleteAnswer.Metadata.DeletionTimestamp);

        var marked = await k8s.ImageCaches.ReadAsync<ImageCacheObject>("fin");
        Assert.NotNull(marked.Metadata.DeletionTimestamp);
        Assert.Equal(2, marked.Metadata.Generation);

        marked.Metadata.Finalizers.Add("example.com/another");
        var refused = await Assert.ThrowsAsync<HttpOperationException>(() => k8s.ImageCaches.ReplaceAsync(marked, "fin"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Response.StatusCode);
        Assert.Contains("no new finalizers can be added if the object is being deleted", KubernetesJson.Deserialize<V1Status>(refused.Response.Content).Message, StringComparison.Ordinal);

        await k8s.ImageCaches.PatchAsync<ImageCacheObject>(
            new V1Patch("""[{"op":"remove","path":"/metadata/finalizers"}]""", V1Patch.PatchType.JsonPatch), "fin");

        var gone = await Assert.ThrowsAsync<HttpOperationException>(() => k8s.ImageCaches.ReadAsync<ImageCacheObject>("fin"));
        Assert.Equal(HttpStatusCode.NotFound, gone.Response.StatusCode);
    }

    [Fact]
    public async Task Delete_without_finalizers_answers_success_status()
    {
        await using var k8s = await RunningEmulator.StartAsync();
        var created = await k8s.ImageCaches.CreateAsync(ImageCacheObject.Named("bye"));

        var status = await k8s.Client.CustomObjects.DeleteClusterCustomObjectAsync<V1Status>(G, V, P, "bye");

        Assert.Equal("Success", status.Status);
        Assert.Equal("bye", status.Details.Name);
        Assert.Equal(created.Metadata.Uid, status.Details.Uid);
        Assert.Equal(0, k8s.Emulator.CountRequests("get", P));
    }

    [Fact]
    public async Task Delete_precondition_on_uid_conflicts()
    {
        await using var k8s = await RunningEmulator.StartAsync();
        await k8s.ImageCaches.CreateAsync(ImageCacheObject.Named("pre"));

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => k8s.Client.CustomObjects.DeleteClusterCustomObjectAsync(
            G, V, P, "pre", new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = "not-the-uid" } }));

        Assert.Equal(HttpStatusCode.Conflict, error.Response.StatusCode);
        Assert.Contains("Precondition failed: UID in precondition: not-the-uid", KubernetesJson.Deserialize<V1Status>(error.Response.Content).Message, StringComparison.Ordinal);
        Assert.NotNull(await k8s.ImageCaches.ReadAsync<ImageCacheObject>("pre"));
    }

    [Fact]
    public async Task Dry_run_changes_nothing()
    {
        await using var k8s = await RunningEmulator.StartAsync();

        await k8s.Client.CustomObjects.CreateClusterCustomObjectAsync(ImageCacheObject.Named("dry"), G, V, P, dryRun: "All");

        var list = await k8s.ImageCaches.ListAsync<ImageCacheObjectList>();
        Assert.Empty(list.Items);
    }

    private static ImageCacheObject LoadSample(string file)
    {
        var objects = KubernetesYaml.LoadAllFromString(Samples.Read(file), new Dictionary<string, Type> { ["eci.alibabacloud.com/v1/ImageCache"] = typeof(ImageCacheObject) });
        return Assert.IsType<ImageCacheObject>(Assert.Single(objects));
    }
}
