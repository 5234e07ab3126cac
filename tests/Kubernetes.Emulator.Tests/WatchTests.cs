using System.Text.Json;
using k8s;
using k8s.Models;

namespace ImageCacheFunctions.Emulators.Kubernetes.Tests;

public sealed class WatchTests
{
    [Fact]
    public async Task Watch_from_a_resource_version_sees_every_later_change_in_order()
    {
        await using var k8s = await RunningEmulator.StartAsync();
        var before = await k8s.ImageCaches.CreateAsync(ImageCacheObject.Named("before"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var watching = WatchEvents.TakeAsync(k8s, before.Metadata.ResourceVersion, 3, null, timeout.Token);
        var created = await k8s.ImageCaches.CreateAsync(ImageCacheObject.Named("w"), timeout.Token);
        var patched = await k8s.ImageCaches.PatchAsync<ImageCacheObject>(new V1Patch("""{"spec":{"imageCacheSize":21}}""", V1Patch.PatchType.MergePatch), "w", timeout.Token);
        await k8s.ImageCaches.DeleteAsync<V1Status>("w", timeout.Token);
        var events = await watching;

        Assert.Equal([WatchEventType.Added, WatchEventType.Modified, WatchEventType.Deleted], events.Select(e => e.Type));
        Assert.All(events, e => Assert.Equal("w", e.Name));
        Assert.Equal(created.Metadata.ResourceVersion, events[0].ResourceVersion);
        Assert.Equal(patched.Metadata.ResourceVersion, events[1].ResourceVersion);
        Assert.True(long.Parse(events[2].ResourceVersion) > long.Parse(events[1].ResourceVersion));
    }

    [Fact]
    public async Task Watch_without_resource_version_starts_with_the_current_objects()
    {
        await using var k8s = await RunningEmulator.StartAsync();
        await k8s.ImageCaches.CreateAsync(ImageCacheObject.Named("a"));
        await k8s.ImageCaches.CreateAsync(ImageCacheObject.Named("b"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var events = await WatchEvents.TakeAsync(k8s, null, 2, null, timeout.Token);

        Assert.Equal([(WatchEventType.Added, "a"), (WatchEventType.Added, "b")], events.Select(e => (e.Type, e.Name)));
    }

    [Fact]
    public async Task Label_selected_watch_sees_an_object_leave_as_deleted()
    {
        await using var k8s = await RunningEmulator.StartAsync();
        var obj = ImageCacheObject.Named("sel");
        obj.Metadata.Labels = new Dictionary<string, string> { ["tier"] = "gold" };
        var created = await k8s.ImageCaches.CreateAsync(obj);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var watching = WatchEvents.TakeAsync(k8s, created.Metadata.ResourceVersion, 2, "tier=gold", timeout.Token);
        await k8s.ImageCaches.CreateAsync(ImageCacheObject.Named("other"), timeout.Token);
        await k8s.ImageCaches.PatchAsync<ImageCacheObject>(new V1Patch("""{"metadata":{"labels":{"tier":"silver"}}}""", V1Patch.PatchType.MergePatch), "sel", timeout.Token);
        await k8s.ImageCaches.PatchAsync<ImageCacheObject>(new V1Patch("""{"metadata":{"labels":{"tier":"gold"}}}""", V1Patch.PatchType.MergePatch), "sel", timeout.Token);
        var events = await watching;

        Assert.Equal([(WatchEventType.Deleted, "sel"), (WatchEventType.Added, "sel")], events.Select(e => (e.Type, e.Name)));
    }

    [Fact]
    public async Task Watch_from_a_compacted_resource_version_gets_expired()
    {
        await using var k8s = await RunningEmulator.StartAsync(new KubernetesEmulatorOptions { WatchHistoryLimit = 2 });
        var first = await k8s.ImageCaches.CreateAsync(ImageCacheObject.Named("c1"));
        for (var i = 2; i <= 5; i++)
        {
            await k8s.ImageCaches.CreateAsync(ImageCacheObject.Named($"c{i}"));
        }
        using var http = new HttpClient { BaseAddress = k8s.Emulator.BaseUri };

        using var response = await http.GetAsync(
            $"apis/eci.alibabacloud.com/v1/imagecaches?watch=1&resourceVersion={first.Metadata.ResourceVersion}", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var line = await reader.ReadLineAsync();

        using var ev = JsonDocument.Parse(line!);
        Assert.Equal("ERROR", ev.RootElement.GetProperty("type").GetString());
        Assert.Equal(410, ev.RootElement.GetProperty("object").GetProperty("code").GetInt32());
        Assert.Equal("Expired", ev.RootElement.GetProperty("object").GetProperty("reason").GetString());
    }
}
