using System.Reflection;
using ImageCacheFunctions.Functions.ImageCacheApi;
using ImageCacheFunctions.ImageCaches.Operations.Api;
using Microsoft.Azure.Functions.Worker;
using YamlDotNet.RepresentationModel;

namespace ImageCacheFunctions.Api.Tests.Deploy;

/// <summary>deploy/admission.yaml and stack.yml agree with the function they point at.</summary>
public sealed class ManifestTests
{
    private static readonly string Root = typeof(ManifestTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    [Fact]
    public void Every_webhook_calls_an_anonymous_route_of_the_function_over_https_with_v1_reviews_and_failure_policy_Ignore()
    {
        var routes = typeof(AdmissionFunctions).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods())
            .SelectMany(m => m.GetParameters())
            .Select(p => p.GetCustomAttribute<HttpTriggerAttribute>())
            .Where(a => a is not null)
            .ToDictionary(a => a!.Route!, a => a!.AuthLevel);
        var webhooks = (YamlSequenceNode)Load("deploy/admission.yaml")["webhooks"];

        Assert.Equal(3, webhooks.Children.Count);
        foreach (var webhook in webhooks.Children.Cast<YamlMappingNode>())
        {
            var url = new Uri(Scalar(((YamlMappingNode)webhook["clientConfig"])["url"]));
            Assert.Equal("https", url.Scheme);
            Assert.StartsWith("/function/imagecache-api/", url.AbsolutePath, StringComparison.Ordinal);
            var route = url.AbsolutePath["/function/imagecache-api/".Length..];
            Assert.True(routes.TryGetValue(route, out var level), $"no function answers {route}");
            Assert.Equal(AuthorizationLevel.Anonymous, level);
            Assert.Equal("Ignore", Scalar(webhook["failurePolicy"]));
            Assert.Equal(["v1"], ((YamlSequenceNode)webhook["admissionReviewVersions"]).Children.Select(Scalar));
        }
    }

    [Fact]
    public void Stack_runs_the_function_with_the_key_and_an_exec_timeout_above_the_longest_wait()
    {
        var function = (YamlMappingNode)((YamlMappingNode)Load("stack.yml")["functions"])["imagecache-api"];
        var environment = (YamlMappingNode)function["environment"];

        Assert.Equal("./functions/imagecache-api", Scalar(function["handler"]));
        Assert.Equal("csharp-isolated", Scalar(function["lang"]));
        Assert.Contains("function-key", ((YamlSequenceNode)function["secrets"]).Children.Select(Scalar));
        var execTimeout = TimeSpan.FromSeconds(int.Parse(Scalar(environment["exec_timeout"]).TrimEnd('s'), System.Globalization.CultureInfo.InvariantCulture));
        var longestWait = TimeSpan.Parse(Scalar(environment["Api__WaitMaxTimeout"]), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(longestWait < execTimeout, $"Api__WaitMaxTimeout {longestWait} must stay below exec_timeout {execTimeout}");
        Assert.True(longestWait <= new ApiOptions().WaitMaxTimeout);
    }

    private static YamlMappingNode Load(string relative)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Path.Combine(Root, relative));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static string Scalar(YamlNode node) => ((YamlScalarNode)node).Value!;
}
