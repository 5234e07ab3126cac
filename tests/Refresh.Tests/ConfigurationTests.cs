using ImageCacheFunctions.ImageCaches.Operations.Refresh;
using ImageCacheFunctions.Refresh.Tests.Support;
using ImageCacheFunctions.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ImageCacheFunctions.Refresh.Tests;

/// <summary>Section Webhook is checked at start-up, every problem named once, no secret shown.</summary>
public sealed class ConfigurationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("webhook-config-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static ServiceProvider Build(Dictionary<string, string?> values)
    {
        values["Eci:RegionId"] = "cn-hangzhou";
        values["Eci:VSwitchId"] = "vsw-1";
        values["Eci:SecurityGroupId"] = "sg-1";
        values["Eci:Credentials:AccessKeyId"] = "id";
        values["Eci:Credentials:AccessKeySecret"] = "secret";
        values["Kubernetes:KubeConfig"] = "/nonexistent/kubeconfig";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddImageCacheRefresh(configuration);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Every_problem_in_the_section_is_reported_at_once()
    {
        using var provider = Build(new Dictionary<string, string?>
        {
            ["Webhook:SourcesFile"] = Senders.WriteSourcesFile(_directory),
            ["Webhook:TimeBudget"] = "00:05:00",
            ["Webhook:Concurrency"] = "0",
            ["Webhook:AutoCreate:0:Repository"] = "",
            ["Webhook:AutoCreate:1:Name"] = "dup",
            ["Webhook:AutoCreate:1:Repository"] = "team/*",
            ["Webhook:AutoCreate:2:Name"] = "dup",
            ["Webhook:AutoCreate:2:Repository"] = "team/**",
            ["Webhook:AutoCreate:2:ImageCacheSize"] = "5",
        });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<WebhookRefreshOptions>>().Value);

        var all = string.Join("\n", error.Failures);
        Assert.Contains("Webhook:TimeBudget", all, StringComparison.Ordinal);
        Assert.Contains("Webhook:Concurrency", all, StringComparison.Ordinal);
        Assert.Contains("Webhook:AutoCreate:0", all, StringComparison.Ordinal);
        Assert.Contains("Repository is missing", all, StringComparison.Ordinal);
        Assert.Contains("ImageCacheSize 5", all, StringComparison.Ordinal);
        Assert.DoesNotContain(Senders.DistributionAuthorization, all, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Webhook:Bogus", "'Bogus'")]
    [InlineData("Webhook:AutoCreate:0:Repo", "'Repo'")]
    public void A_key_nobody_knows_stops_the_start_and_is_named(string key, string named)
    {
        // The binder's ErrorOnUnknownConfiguration: a typo never silently leaves a default in force.
        using var provider = Build(new Dictionary<string, string?>
        {
            ["Webhook:SourcesFile"] = Senders.WriteSourcesFile(_directory),
            [key] = "team/*",
        });

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IOptions<WebhookRefreshOptions>>().Value);

        Assert.Contains(named, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_source_with_a_mistyped_key_is_broken_and_the_others_load()
    {
        using var provider = Build(new Dictionary<string, string?>
        {
            ["Webhook:SourcesFile"] = Senders.WriteSourcesFile(_directory),
            ["Webhook:Sources:extra:Type"] = "quay",
            ["Webhook:Sources:extra:AllowUnauthenticated"] = "yes",
        });

        _ = provider.GetRequiredService<IOptions<WebhookRefreshOptions>>().Value;
        var settings = provider.GetRequiredService<WebhookSources>().Settings;

        Assert.Contains("distribution", settings.Sources.Keys);
        Assert.Equal("Webhook source 'extra': Webhook:Sources:extra:AllowUnauthenticated must be true or false", settings.BrokenNamed("extra")!.Reason);
    }

    [Fact]
    public void Auto_create_rules_bind_from_environment_style_keys()
    {
        using var provider = Build(new Dictionary<string, string?>
        {
            ["Webhook:SourcesFile"] = Senders.WriteSourcesFile(_directory),
            ["Webhook:AutoCreate:0:Repository"] = "team/*",
            ["Webhook:AutoCreate:0:Tag"] = "v*",
            ["Webhook:AutoCreate:0:ImagePullSecrets:0"] = "default:regcred",
        });

        var rule = Assert.Single(provider.GetRequiredService<AutoCreateRules>().Rules);
        Assert.Equal("rule-0", rule.Name);
        Assert.Equal("team/*", rule.Repository.Pattern);
        Assert.Equal("v*", rule.Tag!.Pattern);
        Assert.Equal(["default:regcred"], rule.ImagePullSecrets);
        Assert.Contains("distribution", provider.GetRequiredService<WebhookSources>().Settings.Sources.Keys);
    }

    [Fact]
    public void A_sources_file_that_cannot_be_parsed_fails_the_start_with_its_message_and_a_later_read_is_afresh()
    {
        // The first read starts at registration, on the thread pool; its error is the validation's.
        var file = Path.Combine(_directory, "broken-sources.yaml");
        File.WriteAllText(file, "sources: [unclosed");
        using var provider = Build(new Dictionary<string, string?> { ["Webhook:SourcesFile"] = file });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<WebhookRefreshOptions>>().Value);

        Assert.Contains("broken-sources.yaml", string.Join("\n", error.Failures), StringComparison.Ordinal);
        File.Copy(Senders.WriteSourcesFile(_directory), file, overwrite: true);
        Assert.Contains("distribution", provider.GetRequiredService<WebhookSources>().Settings.Sources.Keys);
    }

    [Fact]
    public async Task The_function_does_not_start_with_a_broken_section_and_says_why()
    {
        var kubeconfig = Path.Combine(_directory, "kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, """
            apiVersion: v1
            kind: Config
            clusters: [{name: c, cluster: {server: "http://127.0.0.1:1"}}]
            users: [{name: u, user: {}}]
            contexts: [{name: x, context: {cluster: c, user: u}}]
            current-context: x
            """);
        var environment = new Dictionary<string, string?>
        {
            ["Eci__RegionId"] = "cn-hangzhou",
            ["Eci__VSwitchId"] = "vsw-1",
            ["Eci__SecurityGroupId"] = "sg-1",
            ["Eci__Credentials__AccessKeyId"] = "id",
            ["Eci__Credentials__AccessKeySecret"] = "secret",
            ["Kubernetes__KubeConfig"] = kubeconfig,
            ["Webhook__SourcesFile"] = Path.Combine(_directory, "missing.yaml"),
            ["Webhook:AutoCreate:0:Repository"] = "team/*",
            ["Webhook__AutoCreate__0__RetentionDays"] = "0",
        };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => FunctionProcess.StartAsync(WebhookHarness.FunctionApp, environment, _directory));

        Assert.Contains("missing.yaml", error.Message, StringComparison.Ordinal);
        Assert.Contains("RetentionDays 0", error.Message, StringComparison.Ordinal);
    }
}
