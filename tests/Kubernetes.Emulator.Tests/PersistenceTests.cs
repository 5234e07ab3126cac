using System.Text.Json;
using k8s;
using k8s.Models;

namespace ImageCacheFunctions.Emulators.Kubernetes.Tests;

public sealed class PersistenceTests
{
    [Fact]
    public async Task Objects_status_and_resource_versions_survive_a_restart()
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

        // It holds Secrets' data: owner-only, like .local/secrets (issue 12, item 11).
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
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
    public async Task Flush_writes_the_file_while_running()
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

    [Fact]
    public async Task A_write_is_appended_to_the_journal_and_leaves_the_snapshot_alone()
    {
        var directory = RunningEmulator.NewDirectory();
        var file = Path.Combine(directory, "kubernetes.json");
        try
        {
            await using var k8s = await RunningEmulator.StartAsync(new KubernetesEmulatorOptions { PersistencePath = file }, directory);
            await k8s.ImageCaches.CreateAsync(ImageCacheObject.Named("in-snapshot"));
            await k8s.Emulator.FlushAsync();
            var snapshot = await File.ReadAllBytesAsync(file);

            await k8s.ImageCaches.CreateAsync(ImageCacheObject.Named("in-journal"));

            Assert.Equal(snapshot, await File.ReadAllBytesAsync(file));
            var journal = await File.ReadAllLinesAsync(file + ".journal");
            var line = Assert.Single(journal);
            Assert.Contains("\"in-journal\"", line, StringComparison.Ordinal);
            Assert.DoesNotContain("\"in-snapshot\"", line, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task After_a_crash_the_snapshot_and_the_journal_together_restore_every_acknowledged_write()
    {
        var directory = RunningEmulator.NewDirectory();
        var crashed = RunningEmulator.NewDirectory();
        var file = Path.Combine(directory, "kubernetes.json");
        try
        {
            string relabelledVersion;
            await using (var k8s = await RunningEmulator.StartAsync(new KubernetesEmulatorOptions { PersistencePath = file }, directory))
            {
                var gone = ImageCacheObject.Named("gone");
                gone.Metadata.Labels = new Dictionary<string, string> { ["app"] = "x" };
                await k8s.ImageCaches.CreateAsync(gone);
                await k8s.Emulator.FlushAsync();
                var moved = ImageCacheObject.Named("moved");
                moved.Metadata.Labels = new Dictionary<string, string> { ["app"] = "x" };
                await k8s.ImageCaches.CreateAsync(moved);
                var relabelled = await k8s.ImageCaches.PatchAsync<ImageCacheObject>(
                    new V1Patch("""{"metadata":{"labels":{"app":"y"}}}""", V1Patch.PatchType.MergePatch), "moved");
                relabelledVersion = relabelled.Metadata.ResourceVersion;
                await k8s.Client.CustomObjects.DeleteClusterCustomObjectAsync("eci.alibabacloud.com", "v1", "imagecaches", "gone");

                // The files as a crash (no flush, no disposal) would leave them.
                Directory.CreateDirectory(crashed);
                foreach (var path in Directory.GetFiles(directory, "kubernetes.json*"))
                {
                    File.Copy(path, Path.Combine(crashed, Path.GetFileName(path)));
                }
            }

            await using var restarted = await RunningEmulator.StartAsync(
                new KubernetesEmulatorOptions { PersistencePath = Path.Combine(crashed, "kubernetes.json") }, crashed);
            var all = await restarted.ImageCaches.ListAsync<ImageCacheObjectList>();
            var y = await restarted.Client.CustomObjects.ListClusterCustomObjectAsync<ImageCacheObjectList>("eci.alibabacloud.com", "v1", "imagecaches", labelSelector: "app=y");
            var x = await restarted.Client.CustomObjects.ListClusterCustomObjectAsync<ImageCacheObjectList>("eci.alibabacloud.com", "v1", "imagecaches", labelSelector: "app=x");
            var next = await restarted.ImageCaches.CreateAsync(ImageCacheObject.Named("next"));

            Assert.Equal(["moved"], all.Items.Select(i => i.Metadata.Name));
            Assert.Equal(relabelledVersion, Assert.Single(y.Items).Metadata.ResourceVersion);
            Assert.Empty(x.Items);
            Assert.True(long.Parse(next.Metadata.ResourceVersion) > long.Parse(relabelledVersion));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
            if (Directory.Exists(crashed))
            {
                Directory.Delete(crashed, recursive: true);
            }
        }
    }
}
