using k8s;
using System.Net;
using System.Text.Json;

namespace ImageCacheFunctions.Emulators.Kubernetes.Tests;

public sealed class DiscoveryTests
{
    [Fact]
    public async Task Image_cache_group_and_resources_are_discoverable()
    {
        await using var k8s = await RunningEmulator.StartAsync();
        using var http = new HttpClient { BaseAddress = k8s.Emulator.BaseUri };

        using var groups = JsonDocument.Parse(await http.GetStringAsync("apis"));
        using var group = JsonDocument.Parse(await http.GetStringAsync("apis/eci.alibabacloud.com"));
        using var resources = JsonDocument.Parse(await http.GetStringAsync("apis/eci.alibabacloud.com/v1"));

        Assert.Equal("APIGroupList", groups.RootElement.GetProperty("kind").GetString());
        Assert.Contains(groups.RootElement.GetProperty("groups").EnumerateArray(), g => g.GetProperty("name").GetString() == "eci.alibabacloud.com");
        Assert.Equal("eci.alibabacloud.com/v1", group.RootElement.GetProperty("preferredVersion").GetProperty("groupVersion").GetString());
        var list = resources.RootElement.GetProperty("resources").EnumerateArray().ToList();
        var imageCaches = list.Single(r => r.GetProperty("name").GetString() == "imagecaches");
        Assert.Equal("ImageCache", imageCaches.GetProperty("kind").GetString());
        Assert.Equal("imagecache", imageCaches.GetProperty("singularName").GetString());
        Assert.False(imageCaches.GetProperty("namespaced").GetBoolean());
        Assert.Equal(["ic"], imageCaches.GetProperty("shortNames").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["all"], imageCaches.GetProperty("categories").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"],
            imageCaches.GetProperty("verbs").EnumerateArray().Select(e => e.GetString()));
        var status = list.Single(r => r.GetProperty("name").GetString() == "imagecaches/status");
        Assert.Equal(["get", "patch", "update"], status.GetProperty("verbs").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Core_group_serves_secrets_events_and_namespaces()
    {
        await using var k8s = await RunningEmulator.StartAsync();

        var core = await k8s.Client.CoreV1.GetAPIResourcesAsync();
        var coordination = await k8s.Client.CoordinationV1.GetAPIResourcesAsync();
        var apiextensions = await k8s.Client.ApiextensionsV1.GetAPIResourcesAsync();
        var version = await k8s.Client.Version.GetCodeAsync();

        Assert.Equal("v1", core.GroupVersion);
        Assert.Contains(core.Resources, r => r.Name == "secrets" && r.Namespaced);
        Assert.Contains(core.Resources, r => r.Name == "events" && r.Namespaced);
        Assert.Contains(core.Resources, r => r.Name == "namespaces" && !r.Namespaced);
        Assert.Contains(coordination.Resources, r => r.Name == "leases");
        Assert.Contains(apiextensions.Resources, r => r.Name == "customresourcedefinitions");
        Assert.Equal("1", version.Major);
    }

    [Fact]
    public async Task Crd_is_served_as_in_the_seed_precheck()
    {
        await using var k8s = await RunningEmulator.StartAsync();

        var crd = await k8s.Client.ApiextensionsV1.ReadCustomResourceDefinitionAsync("imagecaches.eci.alibabacloud.com");

        Assert.Equal("eci.alibabacloud.com", crd.Spec.Group);
        Assert.Equal("Cluster", crd.Spec.Scope);
        Assert.Contains(crd.Status.Conditions, c => c.Type == "Established" && c.Status == "True");
        var version = Assert.Single(crd.Spec.Versions);
        // The documentation's four columns first, then ours (why an object is not Ready).
        Assert.Equal(["Age", "CacheId", "Phase", "Progress", "Reason", "Message", "PushToReady"], version.AdditionalPrinterColumns.Select(c => c.Name));
        Assert.Equal(1, version.AdditionalPrinterColumns.Single(c => c.Name == "PushToReady").Priority);
    }

    [Fact]
    public async Task Unknown_paths_are_not_found_status()
    {
        await using var k8s = await RunningEmulator.StartAsync();
        using var http = new HttpClient { BaseAddress = k8s.Emulator.BaseUri };

        using var response = await http.GetAsync("apis/eci.alibabacloud.com/v2/imagecaches");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Status", body.RootElement.GetProperty("kind").GetString());
        Assert.Equal("NotFound", body.RootElement.GetProperty("reason").GetString());
    }
}
