using System.Globalization;
using System.Text.RegularExpressions;

namespace ImageCacheFunctions.Tests.Support;

/// <summary>
/// One scrape of a /metrics endpoint in the Prometheus text format (0.0.4), read into samples:
/// what a test compares before and after an action to assert by how much a counter moved.
/// </summary>
public sealed partial class PrometheusScrape
{
    private readonly List<Sample> _samples;

    private PrometheusScrape(List<Sample> samples, IReadOnlyDictionary<string, string> types)
    {
        _samples = samples;
        Types = types;
    }

    /// <summary>Metric family name → TYPE (counter, gauge, histogram, ...).</summary>
    public IReadOnlyDictionary<string, string> Types { get; }

    /// <summary>Every sample name (series name without labels) in the scrape.</summary>
    public IEnumerable<string> SampleNames => _samples.Select(s => s.Name).Distinct();

    public static async Task<PrometheusScrape> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return Parse(await response.Content.ReadAsStringAsync().ConfigureAwait(false));
    }

    public static PrometheusScrape Parse(string text)
    {
        var samples = new List<Sample>();
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ', 4);
                types[parts[2]] = parts[3].Trim();
                continue;
            }

            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var match = SampleLine().Match(line);
            if (!match.Success)
            {
                throw new FormatException($"not a Prometheus sample line: {line}");
            }

            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (Match label in LabelPair().Matches(match.Groups["labels"].Value))
            {
                labels[label.Groups["name"].Value] = Regex.Unescape(label.Groups["value"].Value);
            }

            samples.Add(new Sample(match.Groups["name"].Value, labels, double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture)));
        }

        return new PrometheusScrape(samples, types);
    }

    /// <summary>The sum of the samples named <paramref name="name"/> whose labels include <paramref name="labels"/> (0 when none).</summary>
    public double Value(string name, params (string Name, string Value)[] labels) =>
        _samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Name, out var v) && v == l.Value)).Sum(s => s.Value);

    /// <summary>True when a sample named <paramref name="name"/> exists.</summary>
    public bool Has(string name) => _samples.Any(s => s.Name == name);

    /// <summary>Distinct values of one label across the samples named <paramref name="name"/>.</summary>
    public IReadOnlySet<string> LabelValues(string name, string label) =>
        _samples.Where(s => s.Name == name && s.Labels.ContainsKey(label)).Select(s => s.Labels[label]).ToHashSet();

    private sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)(\s+\S+)?$")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(?<name>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(\\.|[^""\\])*)""")]
    private static partial Regex LabelPair();
}
