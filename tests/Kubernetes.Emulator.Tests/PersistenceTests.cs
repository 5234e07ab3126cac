using System.Text.Json;
using k8s;
using k8s.Models;

namespace ImageCacheFunctions.Emulators.Kubernetes.Tests;

public sealed class PersistenceTests
{
    [Fact]
    public async Task ObjectsStatusAndResourceVersionsSurviveARestart()
    {
        var directory = RunningEmulator.NewDirectory();
        try
        {
            await SurvivesRestart(directory);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task SurvivesRestart(string directory)
    {
        var file = Path.Combine(directory, "state", "kubernetes.json");
        ImageCacheObject before;
        await using (var first = await RunningEmulator.StartAsync(new KubernetesEmulatorOptions { PersistencePath = file }, directory))
        {
            var obj = ImageCacheObject.Named("kept", "nginx:1");
            obj.Metadata.Finalizers = ["imagecache.functions.openfaas.dev/eci-cache"];
            obj.Metadata.Labels = new Dictionary<string, string> { ["tier"] = "gold" };
            await first.ImageCaches.CreateAsync(obj);
            before = await first.Client.CustomObjects.PatchClusterCustomObjectStatusAsync<ImageCacheObject>(
                new V1Patch("""{"status":{"phase":"Ready","imageCacheId":"imc-1"}}""", V1Patch.PatchType.MergePatch), "eci.alibabacloud.com", "v1", "imagecaches", "kept");
            await first.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "openfaas-fn" } });
            await first.Client.CoreV1.CreateNamespacedSecretAsync(
                new V1Secret { Metadata = new V1ObjectMeta { Name = "acr" }, StringData = new Dictionary<string, string> { ["password"] = "p" } }, "openfaas-fn");
        }

        using (var document = JsonDocument.Parse(await File.ReadAllTextAsync(file)))
        {
            Assert.True(document.RootElement.GetProperty("objects").GetArrayLength() > 3);
        }

        await using var second = await RunningEmulator.StartAsync(new KubernetesEmulatorOptions { PersistencePath = file }, directory);
        var after = await second.ImageCaches.ReadAsync<ImageCacheObject>("kept");
        var secret = await second.Client.CoreV1.ReadNamespacedSecretAsync("acr", "openfaas-fn");
        var next = await second.ImageCaches.CreateAsync(ImageCacheObject.Named("new"));

        Assert.Equal(before.Metadata.Uid, after.Metadata.Uid);
        Assert.Equal(before.Metadata.ResourceVersion, after.Metadata.ResourceVersion);
        Assert.Equal("imc-1", after.Status!.ImageCacheId);
        Assert.Equal(["imagecache.functions.openfaas.dev/eci-cache"], after.Metadata.Finalizers);
        Assert.Equal("p", System.Text.Encoding.UTF8.GetString(secret.Data["password"]));
        Assert.True(long.Parse(next.Metadata.ResourceVersion) > long.Parse(after.Metadata.ResourceVersion));
        var selected = await second.Client.CustomObjects.ListClusterCustomObjectAsync<ImageCacheObjectList>("eci.alibabacloud.com", "v1", "imagecaches", labelSelector: "tier=gold");
        Assert.Equal(["kept"], selected.Items.Select(i => i.Metadata.Name));
    }

    [Fact]
    public async Task FlushWritesTheFileWhileRunning()
    {
        var directory = RunningEmulator.NewDirectory();
        var file = Path.Combine(directory, "kubernetes.json");
        try
        {
            await using var k8s = await RunningEmulator.StartAsync(new KubernetesEmulatorOptions { PersistencePath = file }, directory);
            await k8s.ImageCaches.CreateAsync(ImageCacheObject.Named("flushed"));

            await k8s.Emulator.FlushAsync();

            Assert.Contains("\"flushed\"", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
            Assert.Empty(Directory.GetFiles(directory, "*.tmp"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
