using System.Globalization;

namespace ImageCacheFunctions.LocalGateway.Bench;

/// <summary>Durations of repeated measurements, and the order statistics the bench prints.</summary>
internal sealed class LatencySamples
{
    private readonly List<double> _milliseconds = [];

    public int Count => _milliseconds.Count;

    public void Add(TimeSpan duration) => _milliseconds.Add(duration.TotalMilliseconds);

    /// <summary>A sample that is not a duration (MiB, requests per second): the statistics are the same.</summary>
    public void Add(double value) => _milliseconds.Add(value);

    public double Percentile(double percentile)
    {
        if (_milliseconds.Count == 0)
        {
            return double.NaN;
        }

        var sorted = _milliseconds.Order().ToList();
        // Nearest-rank: the smallest value with at least `percentile` of the samples at or below it.
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    public double Median => Percentile(50);

    public double Min => _milliseconds.Count == 0 ? double.NaN : _milliseconds.Min();

    public double Max => _milliseconds.Count == 0 ? double.NaN : _milliseconds.Max();

    public string Describe(string format = "F1") => string.Create(
        CultureInfo.InvariantCulture,
        $"median {Median.ToString(format, CultureInfo.InvariantCulture)} ms, p90 {Percentile(90).ToString(format, CultureInfo.InvariantCulture)} ms, p99 {Percentile(99).ToString(format, CultureInfo.InvariantCulture)} ms, min {Min.ToString(format, CultureInfo.InvariantCulture)} ms, max {Max.ToString(format, CultureInfo.InvariantCulture)} ms (n={Count})");
}
