using ImageCacheFunctions.LocalGateway.Tests.Infrastructure;

namespace ImageCacheFunctions.LocalGateway.Tests.Unit;

/// <summary>
/// deploy/monitoring parses as Grafana and the Prometheus Operator read it, and every alert
/// points at its section of docs/operations.md. (OperateTests checks every metric named here
/// against a scrape of the real functions.)
/// </summary>
public sealed class MonitoringManifestTests
{
    [Fact]
    public void Every_dashboard_panel_queries_our_metrics()
    {
        var expressions = MonitoringManifests.DashboardExpressions();
        Assert.NotEmpty(expressions);
        Assert.All(expressions, e => Assert.NotEmpty(MonitoringManifests.MetricNames(e)));
    }

    [Fact]
    public void The_four_alerts_have_an_expression_a_duration_a_severity_and_a_runbook_section()
    {
        var rules = MonitoringManifests.AlertRules();
        Assert.Equal(
            ["ImageCacheFailed", "ImageCacheReconcileFailing", "ImageCacheWebhookUnauthenticatedSpike", "ImageCacheEciThrottled"],
            rules.Select(r => MonitoringManifests.Scalar(r, "alert")));
        var operations = File.ReadAllText(Path.Combine(Repository.Root, "docs", "operations.md"));
        foreach (var rule in rules)
        {
            var alert = MonitoringManifests.Scalar(rule, "alert");
            Assert.NotEmpty(MonitoringManifests.MetricNames(MonitoringManifests.Scalar(rule, "expr")));
            Assert.Matches(@"^\d+m$", MonitoringManifests.Scalar(rule, "for"));
            Assert.Contains(MonitoringManifests.Scalar((YamlDotNet.RepresentationModel.YamlMappingNode)rule["labels"], "severity"), new[] { "warning", "critical" });
            var runbook = MonitoringManifests.Scalar((YamlDotNet.RepresentationModel.YamlMappingNode)rule["annotations"], "runbook");
            Assert.Equal("docs/operations.md#" + alert.ToLowerInvariant(), runbook);
            Assert.Contains("### " + alert + "\n", operations, StringComparison.Ordinal);
        }
    }
}
