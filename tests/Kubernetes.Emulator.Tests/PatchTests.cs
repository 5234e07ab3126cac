using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace ImageCacheFunctions.Emulators.Kubernetes.Tests;

public sealed class PatchTests
{
    [Fact]
    public async Task Merge_patch_sets_and_removes_fields()
    {
        await using var k8s = await RunningEmulator.StartAsync();
        var obj = ImageCacheObject.Named("m", "nginx:1");
        obj.Spec!.RetentionDays = 7;
        await k8s.ImageCaches.CreateAsync(obj);

        var patched = await k8s.ImageCaches.PatchAsync<ImageCacheObject>(
            new V1Patch("""{"spec":{"retentionDays":null,"imageCacheSize":40},"metadata":{"annotations":{"a":"1"}}}""", V1Patch.PatchType.MergePatch), "m");

        Assert.Null(patched.Spec!.RetentionDays);
        Assert.Equal(40, patched.Spec.ImageCacheSize);
        Assert.Equal(["nginx:1"], patched.Spec.Images!);
        Assert.Equal("1", patched.Metadata.Annotations["a"]);
        Assert.Equal(2, patched.Metadata.Generation);
    }

    [Fact]
    public async Task Merge_patch_with_stale_resource_version_conflicts()
    {
        await using var k8s = await RunningEmulator.StartAsync();
        var created = await k8s.ImageCaches.CreateAsync(ImageCacheObject.Named("lock"));
        await k8s.ImageCaches.PatchAsync<ImageCacheObject>(new V1Patch("""{"metadata":{"labels":{"x":"1"}}}""", V1Patch.PatchType.MergePatch), "lock");

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => k8s.ImageCaches.PatchAsync<ImageCacheObject>(
            new V1Patch("{\"metadata\":{\"resourceVersion\":\"" + created.Metadata.ResourceVersion + "\",\"labels\":{\"x\":\"2\"}}}", V1Patch.PatchType.MergePatch), "lock"));

        Assert.Equal(HttpStatusCode.Conflict, error.Response.StatusCode);
        Assert.Equal("Conflict", KubernetesJson.Deserialize<V1Status>(error.Response.Content).Reason);
    }

    [Fact]
    public async Task Json_patch_with_passing_test_applies()
    {
        await using var k8s = await RunningEmulator.StartAsync();
        var created = await k8s.ImageCaches.CreateAsync(ImageCacheObject.Named("j", "nginx:1"));

        var patched = await k8s.ImageCaches.PatchAsync<ImageCacheObject>(new V1Patch($$$"""
            [
              {"op":"test","path":"/metadata/resourceVersion","value":"{{{created.Metadata.ResourceVersion}}}"},
              {"op":"add","path":"/spec/images/-","value":"busybox:1"},
              {"op":"replace","path":"/spec/imageCacheSize","value":50},
              {"op":"add","path":"/metadata/labels","value":{}},
              {"op":"add","path":"/metadata/labels/repo.imagecache.functions.openfaas.dev~1x","value":"y"}
            ]
            """, V1Patch.PatchType.JsonPatch), "j");

        Assert.Equal(["nginx:1", "busybox:1"], patched.Spec!.Images!);
        Assert.Equal(50, patched.Spec.ImageCacheSize);
        Assert.Equal("y", patched.Metadata.Labels["repo.imagecache.functions.openfaas.dev/x"]);
    }

    [Fact]
    public async Task Json_patch_with_failing_test_is_unprocessable_and_changes_nothing()
    {
        await using var k8s = await RunningEmulator.StartAsync();
        var created = await k8s.ImageCaches.CreateAsync(ImageCacheObject.Named("jt", "nginx:1"));

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => k8s.ImageCaches.PatchAsync<ImageCacheObject>(new V1Patch("""
            [{"op":"test","path":"/spec/images/0","value":"nginx:2"},{"op":"replace","path":"/spec/images/0","value":"nginx:3"}]
            """, V1Patch.PatchType.JsonPatch), "jt"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Response.StatusCode);
        var after = await k8s.ImageCaches.ReadAsync<ImageCacheObject>("jt");
        Assert.Equal(created.Metadata.ResourceVersion, after.Metadata.ResourceVersion);
        Assert.Equal(["nginx:1"], after.Spec!.Images!);
    }

    [Fact]
    public async Task Strategic_merge_patch_on_a_custom_resource_is_unsupported_media_type()
    {
        await using var k8s = await RunningEmulator.StartAsync();
        await k8s.ImageCaches.CreateAsync(ImageCacheObject.Named("smp"));

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => k8s.ImageCaches.PatchAsync<ImageCacheObject>(
            new V1Patch("""{"spec":{"imageCacheSize":30}}""", V1Patch.PatchType.StrategicMergePatch), "smp"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, error.Response.StatusCode);
    }

    [Fact]
    public async Task Patch_of_a_missing_object_is_not_found()
    {
        await using var k8s = await RunningEmulator.StartAsync();

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => k8s.ImageCaches.PatchAsync<ImageCacheObject>(
            new V1Patch("""{"spec":{"imageCacheSize":30}}""", V1Patch.PatchType.MergePatch), "nothing"));

        Assert.Equal(HttpStatusCode.NotFound, error.Response.StatusCode);
    }

    [Fact]
    public async Task Invalid_patch_result_is_refused_and_nothing_changes()
    {
        await using var k8s = await RunningEmulator.StartAsync();
        var created = await k8s.ImageCaches.CreateAsync(ImageCacheObject.Named("inv"));

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => k8s.ImageCaches.PatchAsync<ImageCacheObject>(
            new V1Patch("""{"spec":{"images":[]}}""", V1Patch.PatchType.MergePatch), "inv"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Response.StatusCode);
        Assert.Equal(created.Metadata.ResourceVersion, (await k8s.ImageCaches.ReadAsync<ImageCacheObject>("inv")).Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Server_side_apply_creates_then_merges()
    {
        await using var k8s = await RunningEmulator.StartAsync();
        const string body = """{"apiVersion":"eci.alibabacloud.com/v1","kind":"ImageCache","metadata":{"name":"ssa"},"spec":{"images":["nginx:1"]}}""";

        var noManager = await Assert.ThrowsAsync<HttpOperationException>(() => k8s.ImageCaches.PatchAsync<ImageCacheObject>(new V1Patch(body, V1Patch.PatchType.ApplyPatch), "ssa"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noManager.Response.StatusCode);
        await k8s.Client.CustomObjects.PatchClusterCustomObjectAsync<ImageCacheObject>(
            new V1Patch(body, V1Patch.PatchType.ApplyPatch), "eci.alibabacloud.com", "v1", "imagecaches", "ssa", fieldManager: "test");
        var created = await k8s.Client.CustomObjects.PatchClusterCustomObjectAsync<ImageCacheObject>(
            new V1Patch(body.Replace("nginx:1", "nginx:2", StringComparison.Ordinal), V1Patch.PatchType.ApplyPatch), "eci.alibabacloud.com", "v1", "imagecaches", "ssa", fieldManager: "test");

        Assert.Equal(["nginx:2"], created.Spec!.Images!);
    }
}
