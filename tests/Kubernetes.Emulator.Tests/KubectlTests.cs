using k8s;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;

namespace ImageCacheFunctions.Emulators.Kubernetes.Tests;

/// <summary>The seed documentation's kubectl session, run with the real kubectl against the emulator.</summary>
public sealed class KubectlTests
{
    [KubectlFact]
    public async Task SeedSessionCreateGetYamlDelete()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2019, 10, 24, 13, 40, 56, TimeSpan.Zero));
        await using var k8s = await RunningEmulator.StartAsync(new KubernetesEmulatorOptions { TimeProvider = clock });

        var crd = (await Kubectl.RunAsync(k8s, "get", "crd/imagecaches.eci.alibabacloud.com")).Succeeded();
        Assert.Equal(["NAME", "CREATED", "AT"], crd.Rows[0]);
        Assert.Equal(["imagecaches.eci.alibabacloud.com", "2019-10-24T13:40:56Z"], crd.Rows[1]);

        var created = (await Kubectl.RunAsync(k8s, "create", "-f", Samples.PathOf("imagecache-secrets-test.yaml"))).Succeeded();
        Assert.Equal("imagecache.eci.alibabacloud.com/imagecache-sample-liu created", created.Output.Trim());

        await k8s.Client.CustomObjects.PatchClusterCustomObjectStatusAsync(
            new V1Patch("""{"status":{"phase":"Ready","progress":"100%","imageCacheId":"imc-2zeditzeoemfhqor4rf8"}}""", V1Patch.PatchType.MergePatch),
            "eci.alibabacloud.com", "v1", "imagecaches", "imagecache-sample-liu");
        clock.Advance(TimeSpan.FromHours(20));

        var table = (await Kubectl.RunAsync(k8s, "get", "imagecache", "imagecache-sample-liu")).Succeeded();
        Assert.Equal(["NAME", "AGE", "CACHEID", "PHASE", "PROGRESS", "REASON"], table.Rows[0]);
        Assert.Equal(["imagecache-sample-liu", "20h", "imc-2zeditzeoemfhqor4rf8", "Ready", "100%"], table.Rows[1]);

        var shortName = (await Kubectl.RunAsync(k8s, "get", "ic")).Succeeded();
        Assert.Equal(table.Rows, shortName.Rows);

        // The push-to-Ready time of the last refresh is a priority-1 column: shown by -o wide only.
        await k8s.Client.CustomObjects.PatchClusterCustomObjectStatusAsync(
            new V1Patch("""{"status":{"lastRefresh":{"requestedAt":"2019-10-25T09:00:00Z","readyAt":"2019-10-25T09:02:17Z","pushToReadySeconds":137}}}""", V1Patch.PatchType.MergePatch),
            "eci.alibabacloud.com", "v1", "imagecaches", "imagecache-sample-liu");
        var wide = (await Kubectl.RunAsync(k8s, "get", "ic", "-o", "wide")).Succeeded();
        Assert.Equal(["NAME", "AGE", "CACHEID", "PHASE", "PROGRESS", "REASON", "MESSAGE", "PUSHTOREADY"], wide.Rows[0]);
        Assert.Equal(["imagecache-sample-liu", "20h", "imc-2zeditzeoemfhqor4rf8", "Ready", "100%", "137"], wide.Rows[1]);
        Assert.Equal(table.Rows, (await Kubectl.RunAsync(k8s, "get", "ic")).Succeeded().Rows);

        var yaml = (await Kubectl.RunAsync(k8s, "get", "ic", "imagecache-sample-liu", "-o", "yaml")).Succeeded();
        Assert.Contains("apiVersion: eci.alibabacloud.com/v1", yaml.Output, StringComparison.Ordinal);
        Assert.Contains("kind: ImageCache", yaml.Output, StringComparison.Ordinal);
        Assert.Contains("generation: 1", yaml.Output, StringComparison.Ordinal);
        Assert.Contains("  imageCacheSize: 25", yaml.Output, StringComparison.Ordinal);
        Assert.Contains("  - kube-system:secret3", yaml.Output, StringComparison.Ordinal);
        Assert.Contains("  imageCacheId: imc-2zeditzeoemfhqor4rf8", yaml.Output, StringComparison.Ordinal);
        Assert.Contains("  progress: 100%", yaml.Output, StringComparison.Ordinal);

        var deleted = (await Kubectl.RunAsync(k8s, "delete", "imagecache/imagecache-sample-liu")).Succeeded();
        Assert.Equal("imagecache.eci.alibabacloud.com \"imagecache-sample-liu\" deleted", deleted.Output.Trim());

        var gone = await Kubectl.RunAsync(k8s, "get", "imagecache/imagecache-sample-liu");
        Assert.NotEqual(0, gone.ExitCode);
        Assert.Equal("Error from server (NotFound): imagecaches.eci.alibabacloud.com \"imagecache-sample-liu\" not found", gone.Error.Trim());
    }

    [KubectlFact]
    public async Task ApplyTwiceThenPatchAndLabel()
    {
        await using var k8s = await RunningEmulator.StartAsync();

        var first = (await Kubectl.RunAsync(k8s, "apply", "-f", Samples.PathOf("imagecache-sample.yaml"))).Succeeded();
        var second = (await Kubectl.RunAsync(k8s, "apply", "-f", Samples.PathOf("imagecache-sample.yaml"))).Succeeded();
        var patched = (await Kubectl.RunAsync(k8s, "patch", "ic", "imagecache-sample", "--type=merge", "-p", """{"spec":{"imageCacheSize":30}}""")).Succeeded();
        var labelled = (await Kubectl.RunAsync(k8s, "label", "ic", "imagecache-sample", "team=platform")).Succeeded();
        var selected = (await Kubectl.RunAsync(k8s, "get", "ic", "-l", "team=platform", "-o", "name")).Succeeded();

        Assert.Equal("imagecache.eci.alibabacloud.com/imagecache-sample created", first.Output.Trim());
        Assert.Equal("imagecache.eci.alibabacloud.com/imagecache-sample unchanged", second.Output.Trim());
        Assert.Equal("imagecache.eci.alibabacloud.com/imagecache-sample patched", patched.Output.Trim());
        Assert.Equal("imagecache.eci.alibabacloud.com/imagecache-sample labeled", labelled.Output.Trim());
        Assert.Equal("imagecache.eci.alibabacloud.com/imagecache-sample", selected.Output.Trim());
        var stored = await k8s.ImageCaches.ReadAsync<ImageCacheObject>("imagecache-sample");
        Assert.Equal(30, stored.Spec!.ImageCacheSize);
        Assert.Equal(2, stored.Metadata.Generation);
        Assert.True(stored.Metadata.Annotations.ContainsKey("kubectl.kubernetes.io/last-applied-configuration"));
    }

    [KubectlFact]
    public async Task InvalidManifestIsRefusedWithTheFieldsNamed()
    {
        await using var k8s = await RunningEmulator.StartAsync();
        var manifest = Path.Combine(k8s.Directory, "bad.yaml");
        await File.WriteAllTextAsync(manifest, """
            apiVersion: eci.alibabacloud.com/v1
            kind: ImageCache
            metadata:
              name: bad
            spec:
              images: []
              imageCacheSize: 10
              retentionDays: 0
              imagePullSecrets: [nonamespace]
            """);

        var result = await Kubectl.RunAsync(k8s, "create", "-f", manifest);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("The ImageCache \"bad\" is invalid:", result.Error, StringComparison.Ordinal);
        Assert.Contains("spec.imageCacheSize: Invalid value: 10: spec.imageCacheSize in body should be greater than or equal to 20", result.Error, StringComparison.Ordinal);
        Assert.Contains("spec.images: Invalid value: 0: spec.images in body should have at least 1 items", result.Error, StringComparison.Ordinal);
        Assert.Contains("spec.retentionDays", result.Error, StringComparison.Ordinal);
        Assert.Contains("spec.imagePullSecrets[0]", result.Error, StringComparison.Ordinal);
        Assert.Empty((await k8s.ImageCaches.ListAsync<ImageCacheObjectList>()).Items);
    }

    [KubectlFact]
    public async Task DeleteWaitsForTheFinalizerToBeReleased()
    {
        await using var k8s = await RunningEmulator.StartAsync();
        var obj = ImageCacheObject.Named("held");
        obj.Metadata.Finalizers = ["imagecache.functions.openfaas.dev/eci-cache"];
        await k8s.ImageCaches.CreateAsync(obj);

        var watching = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        k8s.Emulator.RequestRecorded += request =>
        {
            if (request.Verb == "watch" && request.Resource == "imagecaches")
            {
                watching.TrySetResult();
            }
        };

        // kubectl delete marks the object, then waits by watching until it is really gone.
        var deletion = Kubectl.RunAsync(k8s, "delete", "ic", "held", "--timeout=60s");
        await watching.Task.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.False(deletion.IsCompleted);
        await k8s.ImageCaches.PatchAsync<ImageCacheObject>(new V1Patch("""{"metadata":{"finalizers":null}}""", V1Patch.PatchType.MergePatch), "held");

        var result = (await deletion).Succeeded();
        Assert.Equal("imagecache.eci.alibabacloud.com \"held\" deleted", result.Output.Trim());
        Assert.Empty((await k8s.ImageCaches.ListAsync<ImageCacheObjectList>()).Items);
        Assert.Equal(1, k8s.Emulator.CountRequests("delete", "imagecaches"));
    }

    [KubectlFact]
    public async Task ExplainReadsTheSchemaDescriptions()
    {
        await using var k8s = await RunningEmulator.StartAsync();

        var result = (await Kubectl.RunAsync(k8s, "explain", "ic.spec.imageCacheSize")).Succeeded();

        Assert.Contains("KIND:       ImageCache", result.Output, StringComparison.Ordinal);
        Assert.Contains("32768", result.Output, StringComparison.Ordinal);
    }

    [KubectlFact]
    public async Task SecretsAndNamespacesCreatedWithKubectlAreReadable()
    {
        await using var k8s = await RunningEmulator.StartAsync();
        // kubectl sends these bodies as Kubernetes protobuf.
        (await Kubectl.RunAsync(k8s, "create", "namespace", "openfaas-fn")).Succeeded();
        (await Kubectl.RunAsync(k8s, "create", "secret", "docker-registry", "acr-test", "-n", "openfaas-fn",
            "--docker-server=registry.cn-shanghai.aliyuncs.com", "--docker-username=robot", "--docker-password=pa55")).Succeeded();
        (await Kubectl.RunAsync(k8s, "create", "secret", "generic", "plain", "--from-literal=a=1", "--from-literal=b=2")).Succeeded();

        var secrets = (await Kubectl.RunAsync(k8s, "get", "secrets", "-n", "default")).Succeeded();
        var namespaces = (await Kubectl.RunAsync(k8s, "get", "ns")).Succeeded();
        var registry = await k8s.Client.CoreV1.ReadNamespacedSecretAsync("acr-test", "openfaas-fn");

        Assert.Equal(["NAME", "TYPE", "DATA", "AGE"], secrets.Rows[0]);
        Assert.Equal(["plain", "Opaque", "2"], secrets.Rows[1][..3]);
        Assert.Equal("kubernetes.io/dockerconfigjson", registry.Type);
        Assert.Contains("\"username\":\"robot\"", System.Text.Encoding.UTF8.GetString(registry.Data[".dockerconfigjson"]), StringComparison.Ordinal);
        Assert.Contains(namespaces.Rows, r => r[0] == "openfaas-fn" && r[1] == "Active");
        Assert.Equal(["NAME", "STATUS", "AGE"], namespaces.Rows[0]);
        Assert.Contains(namespaces.Rows, r => r[0] == "kube-system" && r[1] == "Active");
    }

    // deploy/crd's REASON column (and MESSAGE under -o wide) read the Ready condition, so a blocked
    // object says why in `kubectl get ic`; the cells are the server's (meta.k8s.io Table), as the
    // apiserver fills CRD printer columns.
    [KubectlFact]
    public async Task GetShowsWhyAnObjectIsNotReady()
    {
        await using var k8s = await RunningEmulator.StartAsync();
        (await Kubectl.RunAsync(k8s, "create", "-f", Samples.PathOf("imagecache-sample.yaml"))).Succeeded();
        await k8s.Client.CustomObjects.PatchClusterCustomObjectStatusAsync(
            new V1Patch("""
                {"status":{"phase":"Pending","conditions":[
                  {"type":"Synced","status":"True","reason":"Synced","message":"in sync","lastTransitionTime":"2026-01-01T00:00:00Z"},
                  {"type":"Ready","status":"False","reason":"ImagePullSecretProblem","message":"pull secret default/secret1 not found","lastTransitionTime":"2026-01-01T00:00:00Z"}]}}
                """, V1Patch.PatchType.MergePatch),
            "eci.alibabacloud.com", "v1", "imagecaches", "imagecache-sample");

        var table = (await Kubectl.RunAsync(k8s, "get", "ic")).Succeeded();
        var wide = (await Kubectl.RunAsync(k8s, "get", "ic", "-o", "wide")).Succeeded();

        Assert.Equal(["NAME", "AGE", "CACHEID", "PHASE", "PROGRESS", "REASON"], table.Rows[0]);
        // No CACHEID and no PROGRESS yet: empty cells, as kubectl prints the apiserver's null cells.
        Assert.Equal("imagecache-sample", table.Rows[1][0]);
        Assert.Equal(["Pending", "ImagePullSecretProblem"], table.Rows[1][^2..]);
        Assert.Equal(["NAME", "AGE", "CACHEID", "PHASE", "PROGRESS", "REASON", "MESSAGE", "PUSHTOREADY"], wide.Rows[0]);
        Assert.EndsWith("ImagePullSecretProblem   pull secret default/secret1 not found", wide.Output.Split('\n')[1].TrimEnd(), StringComparison.Ordinal);
    }
}
