using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace ImageCacheFunctions.LocalGateway.Tests.Infrastructure;

/// <summary>deploy/monitoring: the Grafana dashboard and the PrometheusRule alerts, read as their tools read them.</summary>
internal static partial class MonitoringManifests
{
    public static string Dashboard => Path.Combine(Repository.Root, "deploy", "monitoring", "imagecache-dashboard.json");

    public static string Alerts => Path.Combine(Repository.Root, "deploy", "monitoring", "imagecache-alerts.yaml");

    /// <summary>Every PromQL expression of the dashboard's panels.</summary>
    public static IReadOnlyList<string> DashboardExpressions()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Dashboard));
        return dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray())
            .Select(t => t.GetProperty("expr").GetString()!)
            .ToList();
    }

    /// <summary>The rules of the PrometheusRule, each as its mapping.</summary>
    public static IReadOnlyList<YamlMappingNode> AlertRules()
    {
        var yaml = new YamlStream();
        using (var reader = new StringReader(File.ReadAllText(Alerts)))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)Assert.Single(yaml.Documents).RootNode;
        Assert.Equal("monitoring.coreos.com/v1", ((YamlScalarNode)root["apiVersion"]).Value);
        Assert.Equal("PrometheusRule", ((YamlScalarNode)root["kind"]).Value);
        return ((YamlSequenceNode)((YamlMappingNode)root["spec"])["groups"])
            .Cast<YamlMappingNode>()
            .SelectMany(g => ((YamlSequenceNode)g["rules"]).Cast<YamlMappingNode>())
            .ToList();
    }

    public static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node[key]).Value!;

    /// <summary>The metric names (ours and the host's) an expression uses.</summary>
    public static IEnumerable<string> MetricNames(string expression) =>
        MetricName().Matches(expression).Select(m => m.Value).Distinct();

    [GeneratedRegex(@"\b(imagecache|functions|process)_[a-z0-9_]+\b")]
    private static partial Regex MetricName();
}
