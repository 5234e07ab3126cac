using ImageCacheFunctions.ImageCaches.Operations;
using ImageCacheFunctions.ImageCaches.Reconcile;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ImageCacheFunctions.Reconcile.Tests;

/// <summary>Start-up validation of the settings reconcile needs.</summary>
public sealed class ConfigurationTests
{
    [Fact]
    public async Task Missing_settings_fail_at_start_up_with_one_clear_message_each()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kubernetes:KubeConfig"] = "/nonexistent/kubeconfig",
            ["Eci:PageSize"] = "500",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddImageCacheOperations(configuration);
        using var provider = services.BuildServiceProvider();

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => provider.GetRequiredService<IAsyncStartupValidator>().ValidateAsync(CancellationToken.None));
        var all = failure is AggregateException aggregate ? aggregate.InnerExceptions : [failure];
        var messages = string.Join("\n", all.OfType<OptionsValidationException>().SelectMany(e => e.Failures));

        Assert.Contains("Eci:VSwitchId is required", messages, StringComparison.Ordinal);
        Assert.Contains("Eci:SecurityGroupId is required", messages, StringComparison.Ordinal);
        Assert.Contains("Eci:RegionId is required", messages, StringComparison.Ordinal);
        Assert.Contains("Eci:PageSize must be between 1 and 100", messages, StringComparison.Ordinal);
    }

    [Fact]
    public void The_eci_section_binds_network_settings_and_the_recreate_policy()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Eci:RegionId"] = "cn-beijing",
            ["Eci:VSwitchId"] = "vsw-1",
            ["Eci:SecurityGroupId"] = "sg-1",
            ["Eci:ZoneId"] = "cn-beijing-h",
            ["Eci:EipInstanceId"] = "eip-1",
            ["Eci:RecreatePolicy"] = "ReportOnly",
            ["Eci:TimeBudget"] = "00:00:45",
            ["Kubernetes:KubeConfig"] = "/nonexistent/kubeconfig",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddImageCacheOperations(configuration);
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<ImageCaches.Operations.Eci.EciCacheOptions>>().Value;
        Assert.Equal("vsw-1", options.VSwitchId);
        Assert.Equal("cn-beijing-h", options.ZoneId);
        Assert.Equal("eip-1", options.EipInstanceId);
        Assert.Equal(RecreatePolicy.ReportOnly, options.RecreatePolicy);
        Assert.Equal(TimeSpan.FromSeconds(45), options.TimeBudget);
        Assert.Equal("cn-beijing", provider.GetRequiredService<IOptions<Eci.EciClientOptions>>().Value.RegionId);
    }
}
