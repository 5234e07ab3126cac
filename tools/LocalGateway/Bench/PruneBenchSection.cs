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
        var cpu = new LatencySamples();
        for (var run = 0; run < Runs + 2; run++)
        {
            var cpuBefore = ThreadCpuTime.Now();
            var started = Stopwatch.GetTimestamp();
            var joined = Fleet.Join(fleet.Caches, fleet.Objects);
            var joinedAt = Stopwatch.GetElapsedTime(started);
            var selection = PruneSelector.Select(joined, rules, SyntheticFleet.Now);
            var elapsed = Stopwatch.GetElapsedTime(started);
            var cpuAfter = ThreadCpuTime.Now();
            GC.KeepAlive(selection);
            if (run >= 2)
            {
                // The first two are JIT and tiering warm-up.
                join.Add(joinedAt);
                total.Add(elapsed);
                if (cpuBefore is { } before && cpuAfter is { } after)
                {
                    cpu.Add(after - before);
                }
            }
        }

        // Synchronous work on one thread: its CPU time is the cost; the wall clock adds the waits
        // for a core on a shared machine.
        var measured = cpu.Count > 0 ? cpu.Median : total.Median;
        table.Add(new BenchRow(
            string.Create(CultureInfo.InvariantCulture, $"prune selection over {size:N0} caches, join + select, in process (median of {Runs}; CPU time of the thread, wall clock)"),
            string.Create(CultureInfo.InvariantCulture, $"{(cpu.Count > 0 ? $"{cpu.Median:F1} ms CPU; " : "")}{total.Median:F1} ms wall (join {join.Median:F1} ms wall)"),
            "–",
            "–",
            "< 100 ms",
            measured < 100));
    }
}
