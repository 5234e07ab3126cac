using System.Net;
using System.Text;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace ImageCacheFunctions.Emulators.Kubernetes.Tests;

public sealed class CoreResourceTests
{
    [Fact]
    public async Task Secret_string_data_is_stored_as_base64_data()
    {
        await using var k8s = await RunningEmulator.StartAsync();

        await k8s.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "secret3" },
            Type = "kubernetes.io/dockerconfigjson",
            StringData = new Dictionary<string, string> { [".dockerconfigjson"] = """{"auths":{"registry.cn-hangzhou.aliyuncs.com":{"auth":"dTpw"}}}""" },
        }, "kube-system");
        var read = await k8s.Client.CoreV1.ReadNamespacedSecretAsync("secret3", "kube-system");

        Assert.Equal("kubernetes.io/dockerconfigjson", read.Type);
        Assert.Null(read.StringData);
        Assert.Contains("registry.cn-hangzhou.aliyuncs.com", Encoding.UTF8.GetString(read.Data[".dockerconfigjson"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secret_in_another_namespace_or_missing_namespace_is_not_found()
    {
        await using var k8s = await RunningEmulator.StartAsync();
        await k8s.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "s" } }, "default");

        var otherNamespace = await Assert.ThrowsAsync<HttpOperationException>(() => k8s.Client.CoreV1.ReadNamespacedSecretAsync("s", "kube-system"));
        var noNamespace = await Assert.ThrowsAsync<HttpOperationException>(() =>
            k8s.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "s" } }, "nope"));

        Assert.Equal(HttpStatusCode.NotFound, otherNamespace.Response.StatusCode);
        Assert.Equal("secrets \"s\" not found", KubernetesJson.Deserialize<V1Status>(otherNamespace.Response.Content).Message);
        Assert.Equal(HttpStatusCode.NotFound, noNamespace.Response.StatusCode);
        Assert.Equal("namespaces \"nope\" not found", KubernetesJson.Deserialize<V1Status>(noNamespace.Response.Content).Message);
    }

    [Fact]
    public async Task Events_about_an_image_cache_are_recorded_and_selectable()
    {
        await using var k8s = await RunningEmulator.StartAsync();
        var cache = await k8s.ImageCaches.CreateAsync(ImageCacheObject.Named("evented"));

        var ev = await k8s.Client.CoreV1.CreateNamespacedEventAsync(new Corev1Event
        {
            Metadata = new V1ObjectMeta { GenerateName = "evented." },
            InvolvedObject = new V1ObjectReference { ApiVersion = "eci.alibabacloud.com/v1", Kind = "ImageCache", Name = "evented", Uid = cache.Metadata.Uid },
            Reason = "Refreshed",
            Message = "pushed sha256:abc",
            Type = "Normal",
            Source = new V1EventSource { Component = "imagecache-functions" },
            Count = 1,
        }, "default");
        await k8s.Client.CoreV1.PatchNamespacedEventAsync(new V1Patch("""{"count":2}""", V1Patch.PatchType.StrategicMergePatch), ev.Metadata.Name, "default");
        var found = await k8s.Client.CoreV1.ListNamespacedEventAsync("default", fieldSelector: "involvedObject.name=evented,involvedObject.kind=ImageCache");

        Assert.StartsWith("evented.", ev.Metadata.Name, StringComparison.Ordinal);
        var stored = Assert.Single(found.Items);
        Assert.Equal(2, stored.Count);
        Assert.Equal("Refreshed", stored.Reason);
    }

    [Fact]
    public async Task Events_k8s_io_events_are_the_same_objects_as_core_events()
    {
        await using var k8s = await RunningEmulator.StartAsync();
        var now = DateTime.UtcNow;

        var created = await k8s.Client.EventsV1.CreateNamespacedEventAsync(new Eventsv1Event
        {
            Metadata = new V1ObjectMeta { Name = "pruned.1" },
            EventTime = now,
            Regarding = new V1ObjectReference { ApiVersion = "eci.alibabacloud.com/v1", Kind = "ImageCache", Name = "old-cache" },
            Note = "expired, deleted imc-1",
            Reason = "Pruned",
            Action = "Delete",
            Type = "Normal",
            ReportingController = "imagecache-functions",
            ReportingInstance = "prune-expired",
        }, "default");
        var asCore = await k8s.Client.CoreV1.ReadNamespacedEventAsync("pruned.1", "default");
        var selected = await k8s.Client.EventsV1.ListNamespacedEventAsync("default", fieldSelector: "regarding.name=old-cache");
        var patched = await k8s.Client.EventsV1.PatchNamespacedEventAsync(
            new V1Patch("""{"note":"expired again"}""", V1Patch.PatchType.MergePatch), "pruned.1", "default");

        Assert.Equal("events.k8s.io/v1", created.ApiVersion);
        Assert.Equal("old-cache", created.Regarding.Name);
        Assert.Equal("old-cache", asCore.InvolvedObject.Name);
        Assert.Equal("expired, deleted imc-1", asCore.Message);
        Assert.Equal("imagecache-functions", asCore.ReportingComponent);
        Assert.Equal("pruned.1", Assert.Single(selected.Items).Metadata.Name);
        Assert.Equal("expired again", patched.Note);
        Assert.Equal("expired again", (await k8s.Client.CoreV1.ReadNamespacedEventAsync("pruned.1", "default")).Message);
    }

    [Fact]
    public async Task Lease_updates_use_optimistic_concurrency()
    {
        await using var k8s = await RunningEmulator.StartAsync();
        var lease = await k8s.Client.CoordinationV1.CreateNamespacedLeaseAsync(new V1Lease
        {
            Metadata = new V1ObjectMeta { Name = "reconcile" },
            Spec = new V1LeaseSpec { HolderIdentity = "a", LeaseDurationSeconds = 15 },
        }, "default");

        lease.Spec.HolderIdentity = "b";
        var taken = await k8s.Client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, "reconcile", "default");
        lease.Spec.HolderIdentity = "c";
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => k8s.Client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, "reconcile", "default"));

        Assert.Equal("b", taken.Spec.HolderIdentity);
        Assert.Equal(HttpStatusCode.Conflict, error.Response.StatusCode);
    }

    [Fact]
    public async Task Deleting_a_namespace_deletes_its_objects()
    {
        await using var k8s = await RunningEmulator.StartAsync();
        await k8s.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "temp" } });
        await k8s.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "s" } }, "temp");
        await k8s.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "s" } }, "default");

        await k8s.Client.CoreV1.DeleteNamespaceAsync("temp");

        var left = await k8s.Client.CoreV1.ListSecretForAllNamespacesAsync();
        Assert.Equal([("default", "s")], left.Items.Select(i => (i.Metadata.NamespaceProperty, i.Metadata.Name)));
    }

    [Fact]
    public async Task Default_namespaces_exist_and_new_ones_can_be_created()
    {
        await using var k8s = await RunningEmulator.StartAsync(new KubernetesEmulatorOptions { Namespaces = ["default", "kube-system", "openfaas-fn"] });

        var namespaces = await k8s.Client.CoreV1.ListNamespaceAsync();

        Assert.Equal(["default", "kube-system", "openfaas-fn"], namespaces.Items.Select(n => n.Metadata.Name));
        Assert.All(namespaces.Items, n => Assert.Equal("Active", n.Status.Phase));
    }
}
