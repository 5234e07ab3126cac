using System.Globalization;

namespace ImageCacheFunctions.LocalGateway.Bench;

/// <summary>The webhook rows of the table, at a small and a large fleet (see <see cref="WebhookBench"/>).</summary>
internal static class WebhookBenchSection
{
    public const string FunctionName = "registry-webhook";

    private const int SmallFleet = 100;
    private const int SeedConcurrency = 8;

    /// <summary>Objects the new-digest pushes of one fleet size are spread over.</summary>
    private const int NewDigestTargets = 50;

    public static async Task RunAsync(BenchTable table, Uri kubernetes, Uri function, string secretsDirectory, BenchSettings settings, CancellationToken cancellationToken)
    {
        using var bench = new WebhookBench(kubernetes, function, secretsDirectory);
        var c = settings.Concurrency;
        var results = new List<(int Fleet, LatencySamples Seeding, LoadResult Duplicate, LoadResult Wrong, LoadResult Fresh)>();
        var firstTarget = 1;
        foreach (var fleet in new[] { SmallFleet, Math.Max(SmallFleet, settings.Caches) }.Distinct())
        {
            var seeding = await bench.SeedAsync(fleet, SeedConcurrency, cancellationToken).ConfigureAwait(false);
            // Unmeasured first: connections, JIT of each path.
            await bench.DuplicatesAsync(settings.Warmup, c, cancellationToken).ConfigureAwait(false);
            await bench.WrongTokensAsync(settings.Warmup, c, cancellationToken).ConfigureAwait(false);
            var duplicate = await bench.DuplicatesAsync(settings.LoadRequests, c, cancellationToken).ConfigureAwait(false);
            var wrong = await bench.WrongTokensAsync(settings.LoadRequests, c, cancellationToken).ConfigureAwait(false);
            // New digests for objects no earlier row pushed to: the same work at both fleet sizes.
            var targets = Math.Min(NewDigestTargets, fleet - firstTarget);
            var fresh = await bench.NewDigestsAsync(settings.NewDigestRequests, c, firstTarget, targets, cancellationToken).ConfigureAwait(false);
            firstTarget += targets;
            results.Add((fleet, seeding, duplicate, wrong, fresh));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"bench: webhook with {fleet} caches: duplicate {Describe(duplicate)}; wrong token {Describe(wrong)}; new digest {Describe(fresh)}"));
        }

        var (large, seedLarge, dup, wrongLarge, freshLarge) = results[^1];
        var (_, seedSmall, dupSmall, _, freshSmall) = results[0];
        table.Add(new BenchRow(
            $"webhook duplicate push, {large} caches, -c {c}, {settings.LoadRequests} requests, function process (req/s; p99)",
            string.Create(CultureInfo.InvariantCulture, $"{dup.RequestsPerSecond:F0} req/s; p99 {dup.Latency.Percentile(99):F1} ms{Failures(dup)}"),
            string.Create(CultureInfo.InvariantCulture, $"wrong token (401) {wrongLarge.RequestsPerSecond:F0} req/s; p99 {wrongLarge.Latency.Percentile(99):F1} ms"),
            BenchTable.Ratio(dup.RequestsPerSecond, wrongLarge.RequestsPerSecond),
            "≥ 2,000 req/s, p99 < 20 ms, ≥ 0.5×",
            dup.RequestsPerSecond >= 2000 && dup.Latency.Percentile(99) < 20 && dup.RequestsPerSecond >= 0.5 * wrongLarge.RequestsPerSecond && dup.Failures == 0));
        table.Add(new BenchRow(
            $"webhook new-digest push, {large} caches, -c {c}, {settings.NewDigestRequests} requests over {NewDigestTargets} caches (req/s; p99)",
            string.Create(CultureInfo.InvariantCulture, $"{freshLarge.RequestsPerSecond:F0} req/s; p99 {freshLarge.Latency.Percentile(99):F1} ms{Failures(freshLarge)}"),
            string.Create(CultureInfo.InvariantCulture, $"wrong token (401) {wrongLarge.RequestsPerSecond:F0} req/s"),
            BenchTable.Ratio(freshLarge.RequestsPerSecond, wrongLarge.RequestsPerSecond),
            "≥ 200 req/s",
            freshLarge.RequestsPerSecond >= 200 && freshLarge.Failures == 0));
        if (results.Count > 1)
        {
            table.Add(new BenchRow(
                $"webhook cost as the fleet grows: duplicate push, median latency at {large} vs {SmallFleet} caches",
                string.Create(CultureInfo.InvariantCulture, $"{dup.Latency.Median:F2} ms"),
                string.Create(CultureInfo.InvariantCulture, $"{dupSmall.Latency.Median:F2} ms at {SmallFleet}"),
                BenchTable.Ratio(dup.Latency.Median, dupSmall.Latency.Median),
                "≤ 1.2×",
                dup.Latency.Median <= 1.2 * dupSmall.Latency.Median));
            table.Add(new BenchRow(
                $"webhook cost as the fleet grows: new-digest push, median latency at {large} vs {SmallFleet} caches",
                string.Create(CultureInfo.InvariantCulture, $"{freshLarge.Latency.Median:F2} ms"),
                string.Create(CultureInfo.InvariantCulture, $"{freshSmall.Latency.Median:F2} ms at {SmallFleet}"),
                BenchTable.Ratio(freshLarge.Latency.Median, freshSmall.Latency.Median),
                "≤ 1.2×",
                freshLarge.Latency.Median <= 1.2 * freshSmall.Latency.Median));
            table.Add(new BenchRow(
                $"Kubernetes emulator write (create, persisted), median while growing {SmallFleet} → {large} objects",
                string.Create(CultureInfo.InvariantCulture, $"{seedLarge.Median:F2} ms"),
                string.Create(CultureInfo.InvariantCulture, $"{seedSmall.Median:F2} ms while growing 0 → {SmallFleet}"),
                BenchTable.Ratio(seedLarge.Median, seedSmall.Median),
                "O(the object): ≈ 1×",
                seedLarge.Median <= 1.5 * seedSmall.Median));
        }
    }

    private static string Describe(LoadResult result) => string.Create(
        CultureInfo.InvariantCulture,
        $"{result.RequestsPerSecond:F0} req/s, p50 {result.Latency.Median:F1} ms, p99 {result.Latency.Percentile(99):F1} ms{Failures(result)}");

    private static string Failures(LoadResult result) =>
        result.Failures == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $", {result.Failures} unexpected answers");
}
