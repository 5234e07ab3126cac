using ImageCacheFunctions.ImageCaches.Kubernetes;
using ImageCacheFunctions.ImageCaches.Resources;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ImageCacheFunctions.Kubernetes.Tests.Emulated;

public sealed class ImageCacheEventRecorderTests : IAsyncLifetime
{
    private EmulatedCluster cluster = null!;
    private ImageCache cache = null!;

    public async Task InitializeAsync()
    {
        cluster = await EmulatedCluster.StartAsync();
        cache = await cluster.Store.CreateAsync(ImageCache.Create("evented", new ImageCacheSpec { Images = ["nginx"] }), CancellationToken.None);
    }

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    [Fact]
    public async Task The_same_event_twice_is_one_Event_counted_twice()
    {
        var first = await cluster.Events.NormalAsync(cache, ImageCacheEventReasons.RefreshRequested, "push of nginx:latest sha256:abc", CancellationToken.None);
        cluster.Clock.Advance(TimeSpan.FromMinutes(3));
        var second = await cluster.Events.NormalAsync(cache, ImageCacheEventReasons.RefreshRequested, "push of nginx:latest sha256:abc", CancellationToken.None);

        var events = (await cluster.Client.CoreV1.ListNamespacedEventAsync("default")).Items;
        var recorded = Assert.Single(events);
        Assert.Equal(first!.Metadata.Name, second!.Metadata.Name);
        Assert.Equal(2, recorded.Count);
        Assert.Equal(new DateTime(2024, 6, 1, 8, 0, 0, DateTimeKind.Utc), recorded.FirstTimestamp);
        Assert.Equal(new DateTime(2024, 6, 1, 8, 3, 0, DateTimeKind.Utc), recorded.LastTimestamp);
        Assert.Equal(KubernetesEventTypes.Normal, recorded.Type);
        Assert.Equal(ImageCacheEventReasons.RefreshRequested, recorded.Reason);
        Assert.Equal("push of nginx:latest sha256:abc", recorded.Message);
        Assert.Equal(ImageCacheResource.EventComponent, recorded.Source.Component);
        Assert.Equal(ImageCacheResource.EventComponent, recorded.ReportingComponent);
        Assert.Equal("test-replica", recorded.ReportingInstance);
        Assert.Equal("default", recorded.Metadata.NamespaceProperty);
        Assert.Equal(
            (ImageCacheResource.ApiVersion, ImageCacheResource.Kind, "evented", cache.Metadata.Uid, cache.Metadata.ResourceVersion),
            (recorded.InvolvedObject.ApiVersion, recorded.InvolvedObject.Kind, recorded.InvolvedObject.Name, recorded.InvolvedObject.Uid, recorded.InvolvedObject.ResourceVersion));
    }

    [Fact]
    public async Task A_new_Event_is_one_create_and_the_same_one_again_is_read_and_counted()
    {
        cluster.Emulator.ClearRequests();
        await cluster.Events.NormalAsync(cache, ImageCacheEventReasons.RefreshRequested, "push of nginx:latest sha256:new", CancellationToken.None);

        // Most Events are new (the message names a digest or a delivery): no read first.
        Assert.Equal(1, cluster.Emulator.CountRequests("create", "events"));
        Assert.Equal(0, cluster.Emulator.CountRequests("get", "events"));

        await cluster.Events.NormalAsync(cache, ImageCacheEventReasons.RefreshRequested, "push of nginx:latest sha256:new", CancellationToken.None);

        Assert.Equal(2, Assert.Single((await cluster.Client.CoreV1.ListNamespacedEventAsync("default")).Items).Count);
        Assert.Equal(1, cluster.Emulator.CountRequests("get", "events"));
    }

    [Fact]
    public async Task Different_reasons_or_messages_are_different_Events()
    {
        await cluster.Events.NormalAsync(cache, ImageCacheEventReasons.Created, "created imc-1", CancellationToken.None);
        await cluster.Events.WarningAsync(cache, ImageCacheEventReasons.Failed, "ECI reports Failed", CancellationToken.None);
        await cluster.Events.NormalAsync(cache, ImageCacheEventReasons.Created, "created imc-2", CancellationToken.None);

        var events = (await cluster.Client.CoreV1.ListNamespacedEventAsync("default")).Items;

        Assert.Equal(3, events.Count);
        Assert.All(events, e => Assert.Equal(1, e.Count));
        Assert.Equal(KubernetesEventTypes.Warning, events.Single(e => e.Reason == ImageCacheEventReasons.Failed).Type);
    }

    [Fact]
    public async Task The_Event_name_is_the_object_name_and_a_stable_hash()
    {
        var name = ImageCacheEventRecorder.EventName(cache, KubernetesEventTypes.Normal, ImageCacheEventReasons.Ready, "ready");

        Assert.StartsWith("evented.", name, StringComparison.Ordinal);
        Assert.Equal(name, ImageCacheEventRecorder.EventName(cache.DeepClone(), KubernetesEventTypes.Normal, ImageCacheEventReasons.Ready, "ready"));
        Assert.NotEqual(name, ImageCacheEventRecorder.EventName(cache, KubernetesEventTypes.Normal, ImageCacheEventReasons.Ready, "ready again"));
        var recreated = cache.DeepClone();
        recreated.Metadata.Uid = "another-incarnation";
        Assert.NotEqual(name, ImageCacheEventRecorder.EventName(recreated, KubernetesEventTypes.Normal, ImageCacheEventReasons.Ready, "ready"));
    }

    [Fact]
    public async Task A_failure_to_record_is_not_an_exception()
    {
        // A client whose API server is gone (nothing listens on the port any more).
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var unreachable = new k8s.Kubernetes(new KubernetesClientConfiguration { Host = $"http://127.0.0.1:{port}" });
        var recorder = new ImageCacheEventRecorder(unreachable, Options.Create(new KubernetesOptions()), cluster.Clock, NullLogger<ImageCacheEventRecorder>.Instance);

        var recorded = await recorder.NormalAsync(cache, ImageCacheEventReasons.Pruned, "pruned", CancellationToken.None);

        Assert.Null(recorded);
    }
}
