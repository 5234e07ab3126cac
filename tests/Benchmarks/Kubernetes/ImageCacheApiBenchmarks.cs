using System.Globalization;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using ImageCacheFunctions.Emulators.Kubernetes;
using k8s;
using k8s.Models;

namespace ImageCacheFunctions.Benchmarks.Kubernetes;

/// <summary>
/// The Kubernetes emulator holding 10,000 ImageCaches, driven through KubernetesClient over
/// loopback HTTP: a full paged list, a label-selector list, a get and a status merge patch.
/// </summary>
[MemoryDiagnoser]
public class ImageCacheApiBenchmarks
{
    private const string Group = "eci.alibabacloud.com";
    private const string Version = "v1";
    private const string Plural = "imagecaches";
    private const int Objects = 10_000;

    private KubernetesEmulator? _emulator;
    private k8s.Kubernetes? _client;
    private string? _directory;
    private int _next;

    /// <summary>Starts the emulator and creates the objects.</summary>
    /// <returns>A task.</returns>
    [GlobalSetup]
    public async Task SetupAsync()
    {
        _directory = Path.Combine(Path.GetTempPath(), "k8s-emulator-benchmarks-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        _emulator = new KubernetesEmulator();
        await _emulator.StartAsync();
        var kubeconfig = Path.Combine(_directory, "kubeconfig");
        _emulator.WriteKubeconfig(kubeconfig);
        _client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < Objects)
            {
                await _client.CustomObjects.CreateClusterCustomObjectAsync(Cache(index), Group, Version, Plural);
            }
        }));
    }

    /// <summary>Stops the emulator.</summary>
    /// <returns>A task.</returns>
    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _client?.Dispose();
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>Every object, in pages of 500.</summary>
    /// <returns>The number of objects listed.</returns>
    [Benchmark]
    public async Task<int> ListAllInPagesOf500()
    {
        var count = 0;
        string? token = null;
        do
        {
            var page = await _client!.CustomObjects.ListClusterCustomObjectAsync<ImageCacheList>(Group, Version, Plural, limit: 500, continueParameter: token);
            count += page.Items.Count;
            token = page.Metadata.ContinueProperty;
        }
        while (!string.IsNullOrEmpty(token));
        return count;
    }

    /// <summary>The 1% of objects carrying one repository label.</summary>
    /// <returns>The number of objects listed.</returns>
    [Benchmark]
    public async Task<int> ListByRepositoryLabel()
    {
        var page = await _client!.CustomObjects.ListClusterCustomObjectAsync<ImageCacheList>(Group, Version, Plural, labelSelector: RepositoryLabel(42) + "=x");
        return page.Items.Count;
    }

    /// <summary>One object by name.</summary>
    /// <returns>The object.</returns>
    [Benchmark]
    public Task<object> GetOne() =>
        _client!.CustomObjects.GetClusterCustomObjectAsync(Group, Version, Plural, Name(Interlocked.Increment(ref _next) * 7919 % Objects));

    /// <summary>A merge patch of one object's status.</summary>
    /// <returns>The patched object.</returns>
    [Benchmark]
    public Task<object> MergePatchStatus()
    {
        var i = Interlocked.Increment(ref _next);
        var body = new V1Patch($"{{\"status\":{{\"phase\":\"Ready\",\"progress\":\"{i % 100}%\"}}}}", V1Patch.PatchType.MergePatch);
        return _client!.CustomObjects.PatchClusterCustomObjectStatusAsync(body, Group, Version, Plural, Name(i * 7919 % Objects));
    }

    private static string Name(int index) => "cache-" + index.ToString("D6", CultureInfo.InvariantCulture);

    private static string RepositoryLabel(int repository) =>
        "repo.imagecache.functions.openfaas.dev/" + repository.ToString("x8", CultureInfo.InvariantCulture);

    private static JsonObject Cache(int index) => new()
    {
        ["apiVersion"] = "eci.alibabacloud.com/v1",
        ["kind"] = "ImageCache",
        ["metadata"] = new JsonObject
        {
            ["name"] = Name(index),
            ["labels"] = new JsonObject { [RepositoryLabel(index % 100)] = "x" },
        },
        ["spec"] = new JsonObject
        {
            ["images"] = new JsonArray($"registry.cn-hangzhou.aliyuncs.com/team/app-{index % 100}:v{index}", "docker.io/library/busybox:latest"),
            ["imageCacheSize"] = 40,
            ["retentionDays"] = 7,
        },
    };

    /// <summary>Just enough of an ImageCacheList to count items and follow continue tokens.</summary>
    public sealed class ImageCacheList : IKubernetesObject<V1ListMeta>
    {
        /// <inheritdoc />
        [System.Text.Json.Serialization.JsonPropertyName("apiVersion")]
        public string ApiVersion { get; set; } = "";

        /// <inheritdoc />
        [System.Text.Json.Serialization.JsonPropertyName("kind")]
        public string Kind { get; set; } = "";

        /// <inheritdoc />
        [System.Text.Json.Serialization.JsonPropertyName("metadata")]
        public V1ListMeta Metadata { get; set; } = new();

        /// <summary>The objects, kept as JSON.</summary>
        [System.Text.Json.Serialization.JsonPropertyName("items")]
        public List<JsonObject> Items { get; set; } = [];
    }
}
