using System.Globalization;

namespace ImageCacheFunctions.Emulators.Kubernetes.Bench;

/// <summary>Prints one line per measurement: rates and latency percentiles in milliseconds.</summary>
internal sealed class Report
{
    public void Throughput(string name, int count, TimeSpan elapsed, double[] latencies) =>
        Console.WriteLine(Invariant($"{name,-48} {count / elapsed.TotalSeconds,10:F0} objects/s  {Percentiles(latencies)}"));

    public void Rounds(string name, int objects, double[] roundMilliseconds)
    {
        var median = roundMilliseconds.Order().ElementAt(roundMilliseconds.Length / 2);
        Console.WriteLine(Invariant($"{name,-48} {objects / (median / 1000),10:F0} objects/s  {median:F1} ms per full list of {objects} (median of {roundMilliseconds.Length})"));
    }

    public void Latency(string name, double[] latencies) =>
        Console.WriteLine(Invariant($"{name,-48} {latencies.Length / (latencies.Sum() / 1000),10:F0} requests/s {Percentiles(latencies)}"));

    private static string Percentiles(double[] values)
    {
        var sorted = values.Order().ToArray();
        double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
        return Invariant($"p50 {At(0.50):F2} ms  p95 {At(0.95):F2} ms  p99 {At(0.99):F2} ms");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
