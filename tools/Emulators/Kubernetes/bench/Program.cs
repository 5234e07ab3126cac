using System.Diagnostics;
using System.Globalization;
using ImageCacheFunctions.Emulators.Kubernetes;
using ImageCacheFunctions.Emulators.Kubernetes.Bench;
using k8s;
using k8s.Models;

// Measures the emulator through KubernetesClient over loopback HTTP: create, paged list,
// selector list, get and patch for N ImageCache objects. Prints numbers; asserts nothing.
var objects = Argument(args, "--objects", 10_000);
var patches = Argument(args, "--patches", 2_000);
var concurrency = Argument(args, "--concurrency", 8);
var persist = args.Contains("--persist");

var directory = Path.Combine(Path.GetTempPath(), "k8s-emulator-bench-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(directory);
await using var emulator = new KubernetesEmulator(new KubernetesEmulatorOptions
{
    PersistencePath = persist ? Path.Combine(directory, "kubernetes.json") : null,
});
await emulator.StartAsync();
var kubeconfig = Path.Combine(directory, "kubeconfig");
emulator.WriteKubeconfig(kubeconfig);
using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
const string G = "eci.alibabacloud.com", V = "v1", P = "imagecaches";
var report = new Report();
Console.WriteLine($"Kubernetes emulator benchmark: {objects} ImageCaches, {patches} patches, concurrency {concurrency}, persistence {(persist ? "on" : "off")}");

// Warm-up: JIT the client and server paths.
for (var i = 0; i < 50; i++)
{
    var warm = Sample.Cache($"warm-{i}", i);
    ((System.Text.Json.Nodes.JsonObject)warm["metadata"]!).Remove("finalizers");
    await client.CustomObjects.CreateClusterCustomObjectAsync(warm, G, V, P);
    await client.CustomObjects.GetClusterCustomObjectAsync(G, V, P, $"warm-{i}");
    await client.CustomObjects.DeleteClusterCustomObjectAsync(G, V, P, $"warm-{i}");
}

var next = -1;
var createLatencies = new double[objects];
var total = Stopwatch.StartNew();
await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
{
    int index;
    while ((index = Interlocked.Increment(ref next)) < objects)
    {
        var started = Stopwatch.GetTimestamp();
        await client.CustomObjects.CreateClusterCustomObjectAsync(Sample.Cache($"cache-{index:D6}", index), G, V, P);
        createLatencies[index] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }
}));
report.Throughput("create", objects, total.Elapsed, createLatencies);

foreach (var limit in new[] { 500, 0 })
{
    var rounds = 5;
    var times = new double[rounds];
    var seen = 0;
    for (var round = 0; round < rounds; round++)
    {
        var started = Stopwatch.GetTimestamp();
        seen = 0;
        string? token = null;
        do
        {
            var page = await client.CustomObjects.ListClusterCustomObjectAsync<ImageCacheList>(G, V, P, limit: limit == 0 ? null : limit, continueParameter: token);
            seen += page.Items.Count;
            token = page.Metadata.ContinueProperty;
        }
        while (!string.IsNullOrEmpty(token));
        times[round] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }
    report.Rounds(limit == 0 ? "list all (one response)" : $"list all (pages of {limit})", seen, times);
}

using (var http = new HttpClient { BaseAddress = emulator.BaseUri })
{
    var rounds = new double[5];
    long bytes = 0;
    for (var round = 0; round < rounds.Length; round++)
    {
        var started = Stopwatch.GetTimestamp();
        bytes = (await http.GetByteArrayAsync("apis/eci.alibabacloud.com/v1/imagecaches")).LongLength;
        rounds[round] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }
    report.Rounds($"list all, raw HTTP bytes ({bytes / 1024} KiB, no client parsing)", objects, rounds);
}

var selectorTimes = new double[200];
var selected = 0;
for (var i = 0; i < selectorTimes.Length; i++)
{
    var started = Stopwatch.GetTimestamp();
    var page = await client.CustomObjects.ListClusterCustomObjectAsync<ImageCacheList>(G, V, P, labelSelector: $"{Sample.RepositoryLabel(i % 100)}=x");
    selectorTimes[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    selected = page.Items.Count;
}
report.Latency($"list by label selector ({selected} of {objects} match)", selectorTimes);

var getTimes = new double[patches];
for (var i = 0; i < patches; i++)
{
    var started = Stopwatch.GetTimestamp();
    await client.CustomObjects.GetClusterCustomObjectAsync(G, V, P, $"cache-{i * 7919 % objects:D6}");
    getTimes[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}
report.Latency("get one", getTimes);

var patchTimes = new double[patches];
for (var i = 0; i < patches; i++)
{
    var body = new V1Patch($"{{\"status\":{{\"phase\":\"Ready\",\"progress\":\"{i % 100}%\",\"observedGeneration\":1}}}}", V1Patch.PatchType.MergePatch);
    var started = Stopwatch.GetTimestamp();
    await client.CustomObjects.PatchClusterCustomObjectStatusAsync(body, G, V, P, $"cache-{i * 7919 % objects:D6}");
    patchTimes[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}
report.Latency("merge patch status (sequential)", patchTimes);

next = -1;
var concurrentPatchTimes = new double[patches];
total.Restart();
await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
{
    int i;
    while ((i = Interlocked.Increment(ref next)) < patches)
    {
        var body = new V1Patch($"{{\"spec\":{{\"imageCacheSize\":{21 + (i % 50)}}}}}", V1Patch.PatchType.MergePatch);
        var started = Stopwatch.GetTimestamp();
        await client.CustomObjects.PatchClusterCustomObjectAsync(body, G, V, P, $"cache-{i * 104729 % objects:D6}");
        concurrentPatchTimes[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }
}));
report.Throughput($"merge patch spec (concurrency {concurrency})", patches, total.Elapsed, concurrentPatchTimes);

if (persist)
{
    total.Restart();
    await emulator.FlushAsync();
    Console.WriteLine($"persistence flush of {objects} objects: {total.Elapsed.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture)} ms, file {new FileInfo(Path.Combine(directory, "kubernetes.json")).Length / 1024} KiB");
}
Directory.Delete(directory, recursive: true);

static int Argument(string[] args, string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}
