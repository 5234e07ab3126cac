using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace ImageCacheFunctions.Emulators.Kubernetes.Tests;

public sealed class CustomResourceDefinitionTests
{
    [Fact]
    public async Task Starts_with_no_definitions_when_told_so_and_serves_ones_created_through_the_api()
    {
        await using var k8s = await RunningEmulator.StartAsync(new KubernetesEmulatorOptions { CrdPaths = [] });
        var missing = await Assert.ThrowsAsync<HttpOperationException>(() => k8s.Client.ApiextensionsV1.ReadCustomResourceDefinitionAsync("imagecaches.eci.alibabacloud.com"));
        Assert.Equal(HttpStatusCode.NotFound, missing.Response.StatusCode);
        Assert.Equal("customresourcedefinitions.apiextensions.k8s.io \"imagecaches.eci.alibabacloud.com\" not found",
            KubernetesJson.Deserialize<V1Status>(missing.Response.Content).Message);

        var crd = KubernetesYaml.Deserialize<V1CustomResourceDefinition>(
            await File.ReadAllTextAsync(Path.Combine(Samples.RepositoryRoot, "deploy", "crd", "imagecaches.eci.alibabacloud.com.yaml")));
        await k8s.Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd);
        var created = await k8s.ImageCaches.CreateAsync(ImageCacheObject.Named("after-crd"));

        Assert.Equal(20, created.Spec!.ImageCacheSize);
    }

    [Fact]
    public async Task Deleting_the_definition_deletes_its_objects()
    {
        await using var k8s = await RunningEmulator.StartAsync();
        await k8s.ImageCaches.CreateAsync(ImageCacheObject.Named("doomed"));

        await k8s.Client.ApiextensionsV1.DeleteCustomResourceDefinitionAsync("imagecaches.eci.alibabacloud.com");

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => k8s.ImageCaches.ListAsync<ImageCacheObjectList>());
        Assert.Equal(HttpStatusCode.NotFound, error.Response.StatusCode);
    }

    [Fact]
    public async Task Explicit_crd_paths_are_loaded()
    {
        var path = Path.Combine(Samples.RepositoryRoot, "deploy", "crd", "imagecaches.eci.alibabacloud.com.yaml");
        await using var k8s = await RunningEmulator.StartAsync(new KubernetesEmulatorOptions { CrdPaths = [path] });

        var crd = await k8s.Client.ApiextensionsV1.ReadCustomResourceDefinitionAsync("imagecaches.eci.alibabacloud.com");

        Assert.Equal(["ic"], crd.Spec.Names.ShortNames);
    }
}
