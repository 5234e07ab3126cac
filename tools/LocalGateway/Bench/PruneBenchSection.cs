using System.Diagnostics;
using System.Globalization;
using ImageCacheFunctions.ImageCaches.Prune;

namespace ImageCacheFunctions.LocalGateway.Bench;

/// <summary>prune-expired's selection (join ECI's caches with the objects, apply every policy), in this process.</summary>
internal static class PruneBenchSection
{
    private const int Runs = 9;

    public static void Run(BenchTable table, int size)
    {
        var fleet = SyntheticFleet.Create(size);
        var rules = new PruneRules();
        var join = new LatencySamples();
        var total = new LatencySamples();
        for (var run = 0; run < Runs + 2; run++)
        {
            var started = Stopwatch.GetTimestamp();
            var joined = Fleet.Join(fleet.Caches, fleet.Objects);
            var joinedAt = Stopwatch.GetElapsedTime(started);
            var selection = PruneSelector.Select(joined, rules, SyntheticFleet.Now);
            var elapsed = Stopwatch.GetElapsedTime(started);
            GC.KeepAlive(selection);
            if (run >= 2)
            {
                // The first two are JIT and tiering warm-up.
                join.Add(joinedAt);
                total.Add(elapsed);
            }
        }

        table.Add(new BenchRow(
            string.Create(CultureInfo.InvariantCulture, $"prune selection over {size:N0} caches, join + select, in process (median of {Runs})"),
            string.Create(CultureInfo.InvariantCulture, $"{total.Median:F1} ms (join {join.Median:F1} ms)"),
            "–",
            "–",
            "< 100 ms",
            total.Median < 100));
    }
}
