using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using ImageCacheFunctions.ImageCaches.Images;
using ImageCacheFunctions.ImageCaches.Resources;
using k8s;
using k8s.Models;

namespace ImageCacheFunctions.Benchmarks.Webhook;

/// <summary>
/// registry-webhook, loopback only: one push matching 1 ImageCache among 100 or 10,000.
/// <c>Via=gateway</c>: through the local gateway (its own process, with its embedded Kubernetes
/// and ECI emulators). <c>Via=function</c>: the same function build started directly against
/// in-memory emulators, to tell the webhook's cost from the gateway's. Each measured iteration is
/// one request (RunStrategy.Monitoring, one invocation), so the percentiles are per-request
/// latencies; Op/s of the sequential cases is requests per second of one client, of the
/// concurrent case requests per second with 8 in flight. "label lookup" is the one Kubernetes
/// call the webhook makes to find the caches (a LIST with the index label selector), alone.
/// Run: <c>dotnet run -c Release --project tests/Benchmarks -- --filter '*WebhookGateway*'</c>
/// from the repository (the first run builds the function: minutes); the gateway's state goes to
/// .local/bench-webhook, or to <c>$WEBHOOK_BENCH_STATE</c>.
/// </summary>
[Config(typeof(Config))]
public class WebhookGatewayBenchmarks
{
    private const string Matching = "registry.example.com/bench/app:v1";
    private const int Concurrency = 8;

    private static readonly string CachedDigest = Digest("cached");

    private IWebhookHost _host = null!;
    private HttpClient _client = null!;
    private k8s.Kubernetes _kubernetes = null!;
    private string _selector = null!;
    private long _sequence;

    /// <summary>Through the local gateway, or the function process alone.</summary>
    [Params("gateway", "function")]
    public string Via { get; set; } = "gateway";

    /// <summary>ImageCache objects in the cluster; exactly one holds the pushed image.</summary>
    [Params(100, 10_000)]
    public int Caches { get; set; }

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _kubernetes.Dispose();
        _host.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>The digest the cache already holds: a duplicate delivery (list by label, compare, one Event).</summary>
    [Benchmark(Description = "duplicate push")]
    public Task DuplicatePush() => PostAsync(CachedDigest);

    /// <summary>A new digest each time: record on the status, Event, reconcile (ECI describe; update when ECI allows).</summary>
    [Benchmark(Description = "new digest push")]
    public Task NewDigestPush() => PostAsync(Digest("new-" + Interlocked.Increment(ref _sequence)));

    /// <summary>Eight duplicate deliveries in flight at once.</summary>
    [Benchmark(Description = "duplicate push x8 concurrent", OperationsPerInvoke = Concurrency)]
    public Task DuplicatePushConcurrent() => Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => PostAsync(CachedDigest)));

    /// <summary>The webhook's only lookup: LIST imagecaches with the pushed repository's index label.</summary>
    [Benchmark(Description = "label lookup")]
    public async Task<int> LabelLookup()
    {
        var list = await _kubernetes.CustomObjects.ListClusterCustomObjectAsync<ImageCacheList>(
            ImageCacheResource.Group, ImageCacheResource.Version, ImageCacheResource.Plural, labelSelector: _selector, limit: 500).ConfigureAwait(false);
        return list.Items.Count == 1 ? 1 : throw new InvalidOperationException($"the selector found {list.Items.Count} objects");
    }

    private async Task PostAsync(string digest)
    {
        var id = "bench-" + Interlocked.Increment(ref _sequence);
        var body = new JsonObject
        {
            ["specversion"] = "1.0",
            ["id"] = id,
            ["source"] = "/bench",
            ["type"] = "com.example.image.pushed",
            ["datacontenttype"] = "application/json",
            ["data"] = new JsonObject { ["image"] = Matching, ["digest"] = digest },
        }.ToJsonString();
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/cloudevents+json");
        using var response = await _client.PostAsync(_host.WebhookUrl, content).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"the webhook answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync().ConfigureAwait(false)}");
        }
    }

    private async Task SetupAsync()
    {
        var root = GatewayRun.FindRepositoryRoot();
        var state = Environment.GetEnvironmentVariable("WEBHOOK_BENCH_STATE") is { Length: > 0 } configured
            ? configured
            : Path.Combine(root, ".local", "bench-webhook");
        _host = Via == "gateway"
            ? await GatewayRun.StartAsync(root, state).ConfigureAwait(false)
            : await FunctionRun.StartAsync(root, state).ConfigureAwait(false);
        _client = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = 64 }) { Timeout = TimeSpan.FromSeconds(30) };
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", GatewayRun.Token);

        _kubernetes = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(_host.Kubeconfig));
        var kubernetes = _kubernetes;
        _selector = RepositoryIndexLabel.Selector(ImageReference.Parse(Matching));
        await Parallel.ForEachAsync(Enumerable.Range(0, Caches), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            // Indexed as reconcile leaves them; the one that matches is number 0.
            var image = i == 0 ? Matching : $"registry.example.com/bench/other-{i}:v1";
            var cache = ImageCache.Create(i == 0 ? "bench-match" : $"bench-{i}", new ImageCacheSpec { Images = [image] });
            cache.Metadata.Labels = RepositoryIndexLabel.ForImages([ImageReference.Parse(image)]).ToDictionary();
            await kubernetes.CustomObjects.CreateClusterCustomObjectAsync(cache, ImageCacheResource.Group, ImageCacheResource.Version, ImageCacheResource.Plural, cancellationToken: ct).ConfigureAwait(false);
        }).ConfigureAwait(false);

        var status = new JsonObject
        {
            ["status"] = new JsonObject { ["images"] = new JsonArray(new JsonObject { ["image"] = Matching, ["digest"] = CachedDigest }) },
        };
        await kubernetes.CustomObjects.PatchClusterCustomObjectStatusAsync(
            new V1Patch(status.ToJsonString(), V1Patch.PatchType.MergePatch), ImageCacheResource.Group, ImageCacheResource.Version, ImageCacheResource.Plural, "bench-match").ConfigureAwait(false);

        // Unmeasured first requests: connections, JIT, the first ECI cache creation.
        for (var i = 0; i < 20; i++)
        {
            await PostAsync(CachedDigest).ConfigureAwait(false);
        }
    }

    private static string Digest(string seed) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)));

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithStrategy(RunStrategy.Monitoring)
                .WithLaunchCount(1)
                .WithWarmupCount(30)
                .WithIterationCount(500)
                .WithInvocationCount(1)
                .WithUnrollFactor(1));
            AddColumn(StatisticColumn.OperationsPerSecond, StatisticColumn.P50, StatisticColumn.P95, new PercentileColumn(99));
            WithOptions(ConfigOptions.DisableOptimizationsValidator);
        }
    }
}
