using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace ImageCacheFunctions.Emulators.Kubernetes.Tests;

public sealed class FaultTests
{
    [Fact]
    public async Task Injected_fault_answers_the_matching_requests_only_and_changes_nothing()
    {
        await using var k8s = await RunningEmulator.StartAsync();
        k8s.Emulator.InjectFault(new KubernetesFault(429, Verb: "create", Resource: "imagecaches", Times: 2));

        var first = await Assert.ThrowsAsync<HttpOperationException>(() => k8s.ImageCaches.CreateAsync(ImageCacheObject.Named("f")));
        var listed = await k8s.ImageCaches.ListAsync<ImageCacheObjectList>();
        var second = await Assert.ThrowsAsync<HttpOperationException>(() => k8s.ImageCaches.CreateAsync(ImageCacheObject.Named("f")));
        var third = await k8s.ImageCaches.CreateAsync(ImageCacheObject.Named("f"));

        Assert.Equal((HttpStatusCode)429, first.Response.StatusCode);
        Assert.Equal("TooManyRequests", KubernetesJson.Deserialize<V1Status>(first.Response.Content).Reason);
        Assert.Equal((HttpStatusCode)429, second.Response.StatusCode);
        Assert.Empty(listed.Items);
        Assert.Equal("f", third.Metadata.Name);
    }

    [Fact]
    public async Task Delay_only_fault_still_does_the_request()
    {
        await using var k8s = await RunningEmulator.StartAsync();
        k8s.Emulator.InjectFault(new KubernetesFault(0, Verb: "create") { Delay = TimeSpan.FromMilliseconds(1) });

        var created = await k8s.ImageCaches.CreateAsync(ImageCacheObject.Named("slow"));

        Assert.Equal("slow", created.Metadata.Name);
    }
}
