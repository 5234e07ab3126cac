using System.Reflection;
using YamlDotNet.RepresentationModel;

namespace ImageCacheFunctions.Api.Tests.Deploy;

/// <summary>
/// deploy/cronjobs.yaml stands in for the community cron-connector, which cannot send the
/// function key (openfaas/cron-connector sends only X-Connector and X-Topic): every timer in
/// stack.yml has a CronJob on the same schedule that makes the connector's call with the key.
/// </summary>
public sealed class CronJobTests
{
    private static readonly string Root = typeof(CronJobTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    [Fact]
    public void Every_cron_function_of_the_stack_has_a_CronJob_on_its_schedule_that_sends_the_connector_header_and_the_key()
    {
        var functions = (YamlMappingNode)Load("stack.yml").Single()["functions"];
        var timers = functions.Children
            .Where(f => Annotations(f.Value).TryGetValue("topic", out var topic) && topic == "cron-function")
            .ToDictionary(f => Scalar(f.Key), f => (YamlMappingNode)f.Value);
        var jobs = Load("deploy/cronjobs.yaml").ToDictionary(Target);

        Assert.Equal(["prune-expired", "reconcile-status"], timers.Keys.Order());
        Assert.Equal(timers.Keys.Order(), jobs.Keys.Order());
        foreach (var (name, function) in timers)
        {
            var job = jobs[name];
            var spec = (YamlMappingNode)job["spec"];
            var jobSpec = (YamlMappingNode)((YamlMappingNode)spec["jobTemplate"])["spec"];
            var pod = (YamlMappingNode)((YamlMappingNode)jobSpec["template"])["spec"];
            var container = (YamlMappingNode)((YamlSequenceNode)pod["containers"]).Children.Single();
            var call = Call(job);

            Assert.Equal("CronJob", Scalar(job["kind"]));
            Assert.Equal(Annotations(function)["schedule"], Scalar(spec["schedule"]));
            Assert.Equal("Forbid", Scalar(spec["concurrencyPolicy"]));
            Assert.Contains("-H \"X-Connector: cron-connector\"", call, StringComparison.Ordinal);
            Assert.Contains("-H \"x-functions-key: $(cat /var/openfaas/secrets/function-key)\"", call, StringComparison.Ordinal);
            Assert.Contains("function-key", ((YamlSequenceNode)function["secrets"]).Children.Select(Scalar));
            var mount = (YamlMappingNode)((YamlSequenceNode)container["volumeMounts"]).Children.Single();
            Assert.Equal("/var/openfaas/secrets", Scalar(mount["mountPath"]));
            var volume = (YamlMappingNode)((YamlSequenceNode)pod["volumes"]).Children.Single(v => Scalar(((YamlMappingNode)v)["name"]) == Scalar(mount["name"]));
            Assert.Equal("function-key", Scalar(((YamlMappingNode)volume["secret"])["secretName"]));

            // The job outlives the function's own exec_timeout, so a long pass is not cut short.
            var execTimeout = int.Parse(Scalar(((YamlMappingNode)function["environment"])["exec_timeout"]).TrimEnd('s'), System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(int.Parse(Scalar(jobSpec["activeDeadlineSeconds"]), System.Globalization.CultureInfo.InvariantCulture) > execTimeout, $"{name}: activeDeadlineSeconds must exceed exec_timeout {execTimeout}s");
        }
    }

    private static string Target(YamlMappingNode job)
    {
        var url = Call(job).Split(' ', StringSplitOptions.RemoveEmptyEntries).Single(w => w.StartsWith("http", StringComparison.Ordinal));
        var path = new Uri(url).AbsolutePath;
        Assert.StartsWith("/function/", path, StringComparison.Ordinal);
        return path["/function/".Length..];
    }

    private static string Call(YamlMappingNode job)
    {
        var pod = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)((YamlMappingNode)((YamlMappingNode)job["spec"])["jobTemplate"])["spec"])["template"])["spec"];
        var container = (YamlMappingNode)((YamlSequenceNode)pod["containers"]).Children.Single();
        return string.Join(' ', ((YamlSequenceNode)container["args"]).Children.Select(Scalar));
    }

    private static Dictionary<string, string> Annotations(YamlNode function) =>
        ((YamlMappingNode)((YamlMappingNode)function)["annotations"]).Children.ToDictionary(a => Scalar(a.Key), a => Scalar(a.Value));

    private static List<YamlMappingNode> Load(string relative)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Path.Combine(Root, relative));
        stream.Load(reader);
        return [.. stream.Documents.Select(d => (YamlMappingNode)d.RootNode)];
    }

    private static string Scalar(YamlNode node) => ((YamlScalarNode)node).Value!;
}
