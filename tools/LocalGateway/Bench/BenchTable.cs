using System.Globalization;
using System.Text;

namespace ImageCacheFunctions.LocalGateway.Bench;

/// <summary>One line of the bench's table: a figure, the anchor measured in the same run, their ratio, and the target.</summary>
/// <param name="What">What was measured.</param>
/// <param name="Figure">The project's figure, with its unit.</param>
/// <param name="Anchor">What it is compared with (measured in the same run), or "–".</param>
/// <param name="Ratio">Figure ÷ anchor, or "–".</param>
/// <param name="Target">The target.</param>
/// <param name="Met">Whether the target is met; null when the row has no target.</param>
internal sealed record BenchRow(string What, string Figure, string Anchor, string Ratio, string Target, bool? Met);

/// <summary>The rows printed at the end of a bench run, as a Markdown table (docs/performance.md keeps one).</summary>
internal sealed class BenchTable
{
    private readonly List<BenchRow> _rows = [];

    public IReadOnlyList<BenchRow> Rows => _rows;

    public void Add(BenchRow row)
    {
        _rows.Add(row);
        // Printed as it comes too, so a long run shows progress and an interrupted one keeps its rows.
        Console.WriteLine($"bench: {row.What}: {row.Figure}; anchor {row.Anchor}; ratio {row.Ratio}; target {row.Target}{Verdict(row.Met)}");
    }

    public static string Ms(double milliseconds) => string.Create(CultureInfo.InvariantCulture, $"{milliseconds:F1} ms");

    public static string Ratio(double figure, double anchor) =>
        anchor > 0 && !double.IsNaN(figure) ? string.Create(CultureInfo.InvariantCulture, $"{figure / anchor:F2}×") : "–";

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.Append("| what | figure | anchor (same run) | ratio | target | met |\n|---|---|---|---|---|---|\n");
        foreach (var row in _rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {row.What} | {row.Figure} | {row.Anchor} | {row.Ratio} | {row.Target} | {Met(row.Met)} |\n");
        }

        return text.ToString();
    }

    private static string Met(bool? met) => met switch { true => "yes", false => "**no**", null => "–" };

    private static string Verdict(bool? met) => met switch { true => " (met)", false => " (NOT met)", null => "" };
}
