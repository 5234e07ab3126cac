using ImageCacheFunctions.Emulators.Kubernetes;
using YamlDotNet.RepresentationModel;

namespace ImageCacheFunctions.Kubernetes.Tests.Deploy;

/// <summary>
/// deploy/rbac.yaml grants the least that works: no wildcards, secrets readable one by name
/// only, and every verb the functions' Kubernetes calls need.
/// </summary>
public sealed class RbacTests
{
    private static readonly IReadOnlyList<Rule> Rules = LoadClusterRoleRules();

    [Fact]
    public void No_rule_uses_a_wildcard()
    {
        foreach (var rule in Rules)
        {
            Assert.DoesNotContain("*", rule.ApiGroups);
            Assert.DoesNotContain("*", rule.Resources);
            Assert.DoesNotContain("*", rule.Verbs);
        }
    }

    [Fact]
    public void Secrets_can_be_read_by_name_but_never_listed_or_watched()
    {
        var secretRules = Rules.Where(r => r.ApiGroups.Contains("") && r.Resources.Contains("secrets")).ToList();
        Assert.NotEmpty(secretRules);
        foreach (var rule in secretRules)
        {
            Assert.Equal(["get"], rule.Verbs);
        }
    }

    [Theory]
    // The store: get, paged list with selectors, create, merge patches, delete.
    [InlineData("eci.alibabacloud.com", "imagecaches", "get")]
    [InlineData("eci.alibabacloud.com", "imagecaches", "list")]
    [InlineData("eci.alibabacloud.com", "imagecaches", "create")]
    [InlineData("eci.alibabacloud.com", "imagecaches", "patch")]
    [InlineData("eci.alibabacloud.com", "imagecaches", "delete")]
    [InlineData("eci.alibabacloud.com", "imagecaches/status", "patch")]
    [InlineData("eci.alibabacloud.com", "imagecaches/status", "update")]
    // Pull-secret resolution.
    [InlineData("", "secrets", "get")]
    // The event recorder aggregates: get by deterministic name, then patch, or create.
    [InlineData("", "events", "get")]
    [InlineData("", "events", "create")]
    [InlineData("", "events", "patch")]
    public void Grants_what_the_functions_call(string group, string resource, string verb)
    {
        Assert.Contains(Rules, r => r.ApiGroups.Contains(group) && r.Resources.Contains(resource) && r.Verbs.Contains(verb));
    }

    private static List<Rule> LoadClusterRoleRules()
    {
        var root = KubernetesEmulator.FindRepositoryRoot(AppContext.BaseDirectory)
            ?? KubernetesEmulator.FindRepositoryRoot(SourceDirectory())
            ?? throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
        var stream = new YamlStream();
        using (var reader = new StringReader(File.ReadAllText(Path.Combine(root, "deploy", "rbac.yaml"))))
        {
            stream.Load(reader);
        }

        var rules = new List<Rule>();
        foreach (var document in stream.Documents)
        {
            var map = (YamlMappingNode)document.RootNode;
            if (Scalar(map, "kind") is not ("ClusterRole" or "Role"))
            {
                continue;
            }

            foreach (YamlMappingNode rule in (YamlSequenceNode)map.Children[new YamlScalarNode("rules")])
            {
                rules.Add(new Rule(List(rule, "apiGroups"), List(rule, "resources"), List(rule, "verbs")));
            }
        }

        return rules;
    }

    // Builds with --artifacts-path put the binaries outside the repository: fall back to the source.
    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetDirectoryName(path)!;

    private static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? ((YamlScalarNode)node).Value : null;

    private static string[] List(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node)
            ? ((YamlSequenceNode)node).Children.Select(n => ((YamlScalarNode)n).Value ?? "").ToArray()
            : [];

    private sealed record Rule(string[] ApiGroups, string[] Resources, string[] Verbs);
}
