using System.Diagnostics;
using System.Globalization;
using ImageCacheFunctions.Eci;
using DescribeImageCachesRequest = ImageCacheFunctions.Eci.Models.DescribeImageCachesRequest;
using ImageCacheFunctions.Emulators.Eci;
using ImageCacheFunctions.Emulators.Kubernetes;
using ImageCacheFunctions.ImageCaches.Kubernetes;
using ImageCacheFunctions.ImageCaches.Operations;
using ImageCacheFunctions.ImageCaches.Operations.Reconcile;
using ImageCacheFunctions.ImageCaches.Resources;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ImageCacheFunctions.LocalGateway.Bench;

/// <summary>
/// reconcile-status's pass over a converged fleet, in this process through the production wiring
/// (AddImageCacheOperations: KubernetesClient and the signed ECI client) against emulators of its
/// own with a frozen ECI clock: the objects are created, a cold pass creates every ECI cache,
/// the clock moves past the build time, a pass records them Ready, and the pass after that is
/// measured (time, Describe calls, Kubernetes writes, bytes allocated). Its anchor is the two
/// reads no pass can avoid, alone and through the same clients: every ECI page and every object
/// page. Allocation is the whole process's (the emulators' answers included, for both figures).
/// </summary>
internal static class ReconcileBenchSection
{
    private const int PageSize = 100;
    private const int Concurrency = 16;

    public static async Task RunAsync(BenchTable table, int objects, CancellationToken cancellationToken)
    {
        var clock = EmulatorClock.Frozen();
        await using var eci = new EciEmulator(new EciEmulatorOptions { Clock = clock, Seed = 1, MaxPageSize = PageSize });
        await eci.StartAsync(cancellationToken).ConfigureAwait(false);
        await using var kubernetes = new KubernetesEmulator(new KubernetesEmulatorOptions { TimeProvider = clock });
        await kubernetes.StartAsync(cancellationToken).ConfigureAwait(false);
        var directory = Directory.CreateTempSubdirectory("reconcile-bench-").FullName;
        try
        {
            var kubeconfig = Path.Combine(directory, "kubeconfig");
            kubernetes.WriteKubeconfig(kubeconfig);
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Eci:RegionId"] = eci.RegionId,
                ["Eci:Endpoint"] = eci.BaseUri.ToString(),
                ["Eci:AllowInsecureHttp"] = "true",
                ["Eci:VSwitchId"] = "vsw-bench",
                ["Eci:SecurityGroupId"] = "sg-bench",
                ["Eci:PageSize"] = PageSize.ToString(CultureInfo.InvariantCulture),
                ["Eci:Concurrency"] = Concurrency.ToString(CultureInfo.InvariantCulture),
                ["Eci:TimeBudget"] = "01:00:00",
                ["Eci:Credentials:AccessKeyId"] = EmulatorTestCredentials.AccessKeyId,
                ["Eci:Credentials:AccessKeySecret"] = EmulatorTestCredentials.AccessKeySecret,
                ["Kubernetes:KubeConfig"] = kubeconfig,
            }).Build();
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddSingleton<TimeProvider>(clock);
            services.AddImageCacheOperations(configuration);
            await using var provider = services.BuildServiceProvider();
            var reconciler = provider.GetRequiredService<ImageCacheReconciler>();
            var store = provider.GetRequiredService<ImageCacheStore>();

            var seeded = await LoadRun.RunAsync(objects, Concurrency, async (i, ct) =>
            {
                var spec = new ImageCacheSpec { Images = ["busybox:latest", $"registry.example.com/team/app-{i % 500}:1.{i % 7}"] };
                await store.CreateAsync(ImageCache.Create($"cache-{i:D6}", spec), ct).ConfigureAwait(false);
                return true;
            }, cancellationToken).ConfigureAwait(false);
            var cold = await reconciler.ReconcileAllAsync(ReconcileRequest.All, cancellationToken).ConfigureAwait(false);
            clock.Advance(TimeSpan.FromMinutes(3));
            var ready = await reconciler.ReconcileAllAsync(ReconcileRequest.All, cancellationToken).ConfigureAwait(false);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"bench: reconcile set-up: {objects} objects created in {seeded.Elapsed.TotalSeconds:F1} s; cold pass {cold.DurationMilliseconds / 1000.0:F1} s ({cold.Created} created, {cold.Errors.Count} errors); Ready pass {ready.DurationMilliseconds / 1000.0:F1} s ({ready.StatusChanges} status changes)"));

            // Warm-up of the converged path, then the measured pass.
            await reconciler.ReconcileAllAsync(ReconcileRequest.All, cancellationToken).ConfigureAwait(false);
            kubernetes.ClearRequests();
            eci.Calls.Clear();
            var (report, passTime, passBytes) = await MeasureAsync(() => reconciler.ReconcileAllAsync(ReconcileRequest.All, cancellationToken)).ConfigureAwait(false);
            var writes = kubernetes.CountWrites();
            var describes = eci.Calls.Snapshot().Count(c => c.Action == "DescribeImageCaches");
            var mutations = eci.Calls.Snapshot().Count(c => c.Action is "CreateImageCache" or "UpdateImageCache" or "DeleteImageCache");

            var client = provider.GetRequiredService<IEciClient>();
            var (_, readTime, readBytes) = await MeasureAsync(async () =>
            {
                var count = 0;
                var request = new DescribeImageCachesRequest { Limit = PageSize };
                while (true)
                {
                    var page = await client.DescribeImageCachesAsync(request, cancellationToken).ConfigureAwait(false);
                    count += page.ImageCaches.Count;
                    if (string.IsNullOrEmpty(page.NextToken) || page.ImageCaches.Count == 0)
                    {
                        break;
                    }

                    request = request with { NextToken = page.NextToken };
                }

                await foreach (var _ in store.ListAsync(null, cancellationToken).ConfigureAwait(false))
                {
                    count++;
                }

                return count;
            }).ConfigureAwait(false);

            var mib = passBytes / (1024.0 * 1024);
            table.Add(new BenchRow(
                string.Create(CultureInfo.InvariantCulture, $"reconcile converged pass, {objects:N0} caches, in process (Describe calls; Kubernetes writes; ECI mutations; allocated, emulators included)"),
                string.Create(CultureInfo.InvariantCulture, $"{passTime.TotalSeconds:F2} s; {describes} Describe; {writes} writes; {mutations} mutations; {mib:F0} MiB; {report.Errors.Count} errors"),
                string.Create(CultureInfo.InvariantCulture, $"the reads alone (every ECI page, every object page): {readTime.TotalSeconds:F2} s, {readBytes / (1024.0 * 1024):F0} MiB"),
                $"{BenchTable.Ratio(passTime.TotalMilliseconds, readTime.TotalMilliseconds)}, allocated {BenchTable.Ratio(passBytes, readBytes)}",
                "< 3 s, ≤ 100 Describe, 0 writes, < 300 MB allocated",
                passTime < TimeSpan.FromSeconds(3) && describes <= 100 && writes == 0 && mutations == 0 && passBytes < 300L * 1000 * 1000 && report.Errors.Count == 0));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<(T Result, TimeSpan Elapsed, long Allocated)> MeasureAsync<T>(Func<Task<T>> run)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();
        var result = await run().ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        return (result, elapsed, GC.GetTotalAllocatedBytes(precise: true) - before);
    }
}
