using k8s;
using System.Net;
using k8s.Models;

namespace ImageCacheFunctions.Emulators.Kubernetes.Tests;

public sealed class RequestLogTests
{
    [Fact]
    public async Task Reads_are_not_writes_and_each_verb_is_counted()
    {
        await using var k8s = await RunningEmulator.StartAsync();
        await k8s.ImageCaches.CreateAsync(ImageCacheObject.Named("counted"));
        k8s.Emulator.ClearRequests();

        await k8s.ImageCaches.ReadAsync<ImageCacheObject>("counted");
        await k8s.ImageCaches.ListAsync<ImageCacheObjectList>();
        Assert.Equal(0, k8s.Emulator.CountWrites());

        await k8s.Client.CustomObjects.PatchClusterCustomObjectStatusAsync(
            new V1Patch("""{"status":{"phase":"Ready"}}""", V1Patch.PatchType.MergePatch), "eci.alibabacloud.com", "v1", "imagecaches", "counted");

        Assert.Equal(1, k8s.Emulator.CountRequests("get", "imagecaches"));
        Assert.Equal(1, k8s.Emulator.CountRequests("list", "imagecaches"));
        Assert.Equal(1, k8s.Emulator.CountRequests("patch", "imagecaches", "status"));
        Assert.Equal(1, k8s.Emulator.CountWrites("imagecaches"));
        var patch = k8s.Emulator.Requests.Single(r => r.IsWrite);
        Assert.Equal(("PATCH", "eci.alibabacloud.com", "counted", 200), (patch.Method, patch.Group, patch.Name, patch.StatusCode));
    }

    [Fact]
    public async Task Configured_bearer_token_is_required()
    {
        await using var k8s = await RunningEmulator.StartAsync(new KubernetesEmulatorOptions { BearerToken = "s3cret" });
        using var anonymous = new HttpClient { BaseAddress = k8s.Emulator.BaseUri };

        var list = await k8s.ImageCaches.ListAsync<ImageCacheObjectList>();
        using var refused = await anonymous.GetAsync("apis/eci.alibabacloud.com/v1/imagecaches");
        using var health = await anonymous.GetAsync("healthz");

        Assert.Empty(list.Items);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
