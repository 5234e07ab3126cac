using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using ImageCacheFunctions.Emulators.Eci;
using ImageCacheFunctions.Emulators.Kubernetes;
using ImageCacheFunctions.ImageCaches.Kubernetes;
using ImageCacheFunctions.ImageCaches.Operations;
using ImageCacheFunctions.ImageCaches.Operations.Reconcile;
using ImageCacheFunctions.ImageCaches.Resources;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ImageCacheFunctions.Benchmarks.Reconcile;

/// <summary>
/// reconcile-status over 10,000 ImageCaches against both emulators on loopback, through the
/// production wiring (AddImageCacheOperations: KubernetesClient and the signed ECI client).
/// Set-up creates the objects and runs the cold pass (10,000 CreateImageCache) and the pass that
/// sees them Ready, and prints their numbers; the benchmark is a pass over the converged fleet,
/// which must make ⌈N / page size⌉ Describe calls, no ECI mutation and no Kubernetes write.
/// Run: dotnet run -c Release --project tests/Benchmarks -- --filter '*ReconcilePass*'
/// (in process: the emulators live in the benchmark process; set-up takes a few minutes).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PassConfig))]
public class ReconcilePassBenchmarks
{
    private const int PageSize = 100;

    private EciEmulator? _eci;
    private KubernetesEmulator? _kubernetes;
    private ServiceProvider? _services;
    private ImageCacheReconciler? _reconciler;
    private string? _directory;

    [Params(10_000)]
    public int Objects { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var clock = EmulatorClock.Frozen();
        _eci = new EciEmulator(new EciEmulatorOptions { Clock = clock, Seed = 1, MaxPageSize = PageSize });
        await _eci.StartAsync();
        _kubernetes = new KubernetesEmulator(new KubernetesEmulatorOptions { TimeProvider = clock });
        await _kubernetes.StartAsync();
        _directory = Directory.CreateTempSubdirectory("reconcile-bench-").FullName;
        var kubeconfig = Path.Combine(_directory, "kubeconfig");
        _kubernetes.WriteKubeconfig(kubeconfig);

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Eci:RegionId"] = "cn-hangzhou",
            ["Eci:Endpoint"] = _eci.BaseUri.ToString(),
            ["Eci:AllowInsecureHttp"] = "true",
            ["Eci:VSwitchId"] = "vsw-bench",
            ["Eci:SecurityGroupId"] = "sg-bench",
            ["Eci:PageSize"] = PageSize.ToString(CultureInfo.InvariantCulture),
            ["Eci:Concurrency"] = "16",
            ["Eci:TimeBudget"] = "01:00:00",
            ["Eci:Credentials:AccessKeyId"] = EmulatorTestCredentials.AccessKeyId,
            ["Eci:Credentials:AccessKeySecret"] = EmulatorTestCredentials.AccessKeySecret,
            ["Kubernetes:KubeConfig"] = kubeconfig,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(clock);
        services.AddImageCacheOperations(configuration);
        _services = services.BuildServiceProvider();
        _reconciler = _services.GetRequiredService<ImageCacheReconciler>();
        var store = _services.GetRequiredService<ImageCacheStore>();

        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < Objects)
            {
                var spec = new ImageCacheSpec { Images = ["busybox:latest", $"registry.example.com/team/app-{i % 500}:1.{i % 7}"] };
                await store.CreateAsync(ImageCache.Create($"cache-{i:D5}", spec), CancellationToken.None);
            }
        }));

        await MeasureAsync("cold pass (creates every cache)");
        clock.Advance(TimeSpan.FromMinutes(3));
        await MeasureAsync("pass that sees every cache Ready");
        await MeasureAsync("converged pass");
        await MeasureReadsAsync();
    }

    [Benchmark]
    public Task<ReconcileReport> ConvergedPass() => _reconciler!.ReconcileAllAsync(ReconcileRequest.All, CancellationToken.None);

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        if (_kubernetes is not null)
        {
            await _kubernetes.DisposeAsync();
        }

        if (_eci is not null)
        {
            await _eci.DisposeAsync();
        }

        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private async Task MeasureAsync(string what)
    {
        _kubernetes!.ClearRequests();
        _eci!.Calls.Clear();
        var cachesBefore = _eci.ImageCacheCount;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var report = await _reconciler!.ReconcileAllAsync(ReconcileRequest.All, CancellationToken.None);
        watch.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var calls = _eci.Calls.Snapshot();
        var line = string.Create(CultureInfo.InvariantCulture,
            $"// {what}: {Objects} objects, {watch.Elapsed.TotalSeconds:F1} s; report: created {report.Created}, updated {report.Updated}, status changes {report.StatusChanges}, errors {report.Errors.Count}, left over {report.LeftOver.Count}; "
            + $"ECI calls: {calls.Count(c => c.Action == "DescribeImageCaches")} Describe (expected max(1, ⌈{cachesBefore} caches / {PageSize}⌉) = {Math.Max(1, (cachesBefore + PageSize - 1) / PageSize)}), {calls.Count(c => c.Action is "CreateImageCache" or "UpdateImageCache" or "DeleteImageCache")} mutations; "
            + $"Kubernetes: {_kubernetes.CountWrites()} writes, {_kubernetes.Requests.Count} requests; "
            + $"allocated {allocated / (1024 * 1024)} MiB (emulators included), peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MiB");
        Console.WriteLine(line);
        await File.AppendAllTextAsync(Path.Combine(Path.GetTempPath(), "reconcile-pass-benchmark.txt"), line + Environment.NewLine);
    }

    /// <summary>The two reads a pass cannot avoid, alone: every ECI page and every object page (the emulators' share of a pass).</summary>
    private async Task MeasureReadsAsync()
    {
        var eci = _services!.GetRequiredService<ImageCacheFunctions.Eci.IEciClient>();
        var store = _services!.GetRequiredService<ImageCacheStore>();
        var watch = Stopwatch.StartNew();
        var caches = 0;
        await foreach (var _ in eci.DescribeAllImageCachesAsync(new ImageCacheFunctions.Eci.Models.DescribeImageCachesRequest { Limit = PageSize }))
        {
            caches++;
        }

        var describe = watch.Elapsed;
        watch.Restart();
        var objects = 0;
        await foreach (var _ in store.ListAsync(null, CancellationToken.None))
        {
            objects++;
        }

        var line = string.Create(CultureInfo.InvariantCulture,
            $"// reads alone: describing {caches} caches {describe.TotalSeconds:F1} s, listing {objects} objects {watch.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine(line);
        await File.AppendAllTextAsync(Path.Combine(Path.GetTempPath(), "reconcile-pass-benchmark.txt"), line + Environment.NewLine);
    }

    /// <summary>A pass takes seconds: a few monitored iterations in this process, no separate build.</summary>
    private sealed class PassConfig : ManualConfig
    {
        public PassConfig() =>
            AddJob(Job.Default
                .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true))
                .WithStrategy(RunStrategy.Monitoring)
                .WithLaunchCount(1)
                .WithWarmupCount(1)
                .WithIterationCount(5));
    }
}
