using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace ImageCacheFunctions.Emulators.Kubernetes.Tests;

public sealed class ListTests
{
    private const string G = ImageCacheObject.Group;
    private const string V = ImageCacheObject.Version;
    private const string P = ImageCacheObject.Plural;

    [Fact]
    public async Task Paging_walks_every_object_once_in_name_order()
    {
        await using var k8s = await RunningEmulator.StartAsync();
        for (var i = 0; i < 500; i++)
        {
            await k8s.ImageCaches.CreateAsync(ImageCacheObject.Named($"cache-{i:D4}"));
        }

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await k8s.Client.CustomObjects.ListClusterCustomObjectAsync<ImageCacheObjectList>(G, V, P, limit: 120, continueParameter: token);
            seen.AddRange(page.Items.Select(i => i.Metadata.Name));
            token = page.Metadata.ContinueProperty;
            pages++;
            if (token is not null)
            {
                Assert.Equal(500 - seen.Count, page.Metadata.RemainingItemCount);
            }
        }
        while (!string.IsNullOrEmpty(token));

        Assert.Equal(5, pages);
        Assert.Equal(Enumerable.Range(0, 500).Select(i => $"cache-{i:D4}"), seen);
    }

    [Fact]
    public async Task Garbage_continue_token_is_bad_request()
    {
        await using var k8s = await RunningEmulator.StartAsync();

        var error = await Assert.ThrowsAsync<HttpOperationException>(() =>
            k8s.Client.CustomObjects.ListClusterCustomObjectAsync(G, V, P, continueParameter: "not-a-token"));

        Assert.Equal(HttpStatusCode.BadRequest, error.Response.StatusCode);
    }

    [Theory]
    [InlineData("tier=gold", "a")]
    [InlineData("tier==gold", "a")]
    [InlineData("tier!=gold", "b,c,d")]
    [InlineData("tier in (gold, silver)", "a,b")]
    [InlineData("tier notin (gold)", "b,c,d")]
    [InlineData("tier", "a,b,c")]
    [InlineData("!tier", "d")]
    [InlineData("tier,repo.imagecache.functions.openfaas.dev/1a2b=nginx", "b")]
    [InlineData("tier in (bronze),!repo.imagecache.functions.openfaas.dev/1a2b", "c")]
    public async Task Label_selectors_filter(string selector, string expected)
    {
        await using var k8s = await RunningEmulator.StartAsync();
        await Create(k8s, "a", new() { ["tier"] = "gold" });
        await Create(k8s, "b", new() { ["tier"] = "silver", ["repo.imagecache.functions.openfaas.dev/1a2b"] = "nginx" });
        await Create(k8s, "c", new() { ["tier"] = "bronze" });
        await Create(k8s, "d", []);

        var list = await k8s.Client.CustomObjects.ListClusterCustomObjectAsync<ImageCacheObjectList>(G, V, P, labelSelector: selector);

        Assert.Equal(expected.Split(','), list.Items.Select(i => i.Metadata.Name));
    }

    [Theory]
    [InlineData("tier in (gold")]
    [InlineData("tier=has space=x")]
    [InlineData("=gold")]
    public async Task Malformed_label_selector_is_bad_request(string selector)
    {
        await using var k8s = await RunningEmulator.StartAsync();

        var error = await Assert.ThrowsAsync<HttpOperationException>(() =>
            k8s.Client.CustomObjects.ListClusterCustomObjectAsync(G, V, P, labelSelector: selector));

        Assert.Equal(HttpStatusCode.BadRequest, error.Response.StatusCode);
    }

    [Fact]
    public async Task Field_selector_on_name_and_unsupported_field()
    {
        await using var k8s = await RunningEmulator.StartAsync();
        await Create(k8s, "x", []);
        await Create(k8s, "y", []);

        var byName = await k8s.Client.CustomObjects.ListClusterCustomObjectAsync<ImageCacheObjectList>(G, V, P, fieldSelector: "metadata.name=y");
        var notName = await k8s.Client.CustomObjects.ListClusterCustomObjectAsync<ImageCacheObjectList>(G, V, P, fieldSelector: "metadata.name!=y");
        var error = await Assert.ThrowsAsync<HttpOperationException>(() =>
            k8s.Client.CustomObjects.ListClusterCustomObjectAsync(G, V, P, fieldSelector: "spec.imageCacheSize=20"));

        Assert.Equal(["y"], byName.Items.Select(i => i.Metadata.Name));
        Assert.Equal(["x"], notName.Items.Select(i => i.Metadata.Name));
        Assert.Equal(HttpStatusCode.BadRequest, error.Response.StatusCode);
        Assert.Equal("field label not supported: spec.imageCacheSize", KubernetesJson.Deserialize<V1Status>(error.Response.Content).Message);
    }

    [Fact]
    public async Task List_carries_kind_and_the_current_resource_version()
    {
        await using var k8s = await RunningEmulator.StartAsync();
        var created = await Create(k8s, "one", []);

        var list = await k8s.ImageCaches.ListAsync<ImageCacheObjectList>();

        Assert.Equal("ImageCacheList", list.Kind);
        Assert.Equal("eci.alibabacloud.com/v1", list.ApiVersion);
        Assert.Equal(created.Metadata.ResourceVersion, list.Metadata.ResourceVersion);
        Assert.Null(list.Metadata.ContinueProperty);
    }

    [Fact]
    public async Task Delete_collection_by_selector()
    {
        await using var k8s = await RunningEmulator.StartAsync();
        await Create(k8s, "keep", []);
        await Create(k8s, "drop1", new() { ["drop"] = "yes" });
        await Create(k8s, "drop2", new() { ["drop"] = "yes" });

        await k8s.Client.CustomObjects.DeleteCollectionClusterCustomObjectAsync(G, V, P, labelSelector: "drop=yes");

        var left = await k8s.ImageCaches.ListAsync<ImageCacheObjectList>();
        Assert.Equal(["keep"], left.Items.Select(i => i.Metadata.Name));
    }

    [Fact]
    public async Task An_indexed_selector_follows_relabelling_and_deletion_and_pages_in_name_order()
    {
        await using var k8s = await RunningEmulator.StartAsync();
        for (var i = 0; i < 30; i++)
        {
            await Create(k8s, $"obj-{i:D2}", i % 2 == 0 ? new() { ["app"] = "x" } : new() { ["app"] = "y" });
        }

        await k8s.ImageCaches.PatchAsync<ImageCacheObject>(new V1Patch("""{"metadata":{"labels":{"app":"y"}}}""", V1Patch.PatchType.MergePatch), "obj-04");
        await k8s.ImageCaches.PatchAsync<ImageCacheObject>(new V1Patch("""{"metadata":{"labels":{"app":"x"}}}""", V1Patch.PatchType.MergePatch), "obj-05");
        await k8s.Client.CustomObjects.DeleteClusterCustomObjectAsync(G, V, P, "obj-06");

        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = await k8s.Client.CustomObjects.ListClusterCustomObjectAsync<ImageCacheObjectList>(G, V, P, labelSelector: "app=x", limit: 4, continueParameter: token);
            Assert.True(page.Items.Count <= 4);
            seen.AddRange(page.Items.Select(i => i.Metadata.Name));
            token = page.Metadata.ContinueProperty;
        }
        while (!string.IsNullOrEmpty(token));

        var expected = Enumerable.Range(0, 30).Where(i => (i % 2 == 0 && i is not 4 and not 6) || i == 5).Select(i => $"obj-{i:D2}");
        Assert.Equal(expected, seen);
    }

    private static Task<ImageCacheObject> Create(RunningEmulator k8s, string name, Dictionary<string, string> labels)
    {
        var obj = ImageCacheObject.Named(name);
        obj.Metadata.Labels = labels.Count == 0 ? null : labels;
        return k8s.ImageCaches.CreateAsync(obj);
    }
}
