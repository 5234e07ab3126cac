using ImageCacheFunctions.Eci.Credentials;
using ImageCacheFunctions.Eci.Models;
using ImageCacheFunctions.Emulators.Eci;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ImageCacheFunctions.Eci.Tests;

public sealed class OptionsTests
{
    [Fact]
    public void Default_endpoints_are_regional_https_and_vpc_on_request()
    {
        Assert.Equal(new Uri("https://eci.cn-hangzhou.aliyuncs.com/"), new EciClientOptions { RegionId = "cn-hangzhou" }.ResolveEndpoint());
        Assert.Equal(new Uri("https://eci-vpc.cn-beijing.aliyuncs.com/"), new EciClientOptions { RegionId = "cn-beijing", UseVpcEndpoint = true }.ResolveEndpoint());
        var overridden = new EciClientOptions { RegionId = "cn-beijing", UseVpcEndpoint = true, Endpoint = new Uri("https://proxy.example.com/") };
        Assert.Equal(new Uri("https://proxy.example.com/"), overridden.ResolveEndpoint());
    }

    [Fact]
    public void RegionId_is_required_with_a_clear_message()
    {
        var error = Assert.Throws<OptionsValidationException>(() => new EciClient(new EciClientOptions(), new StaticCredentialProvider(EciTestBed.TestCredential)));
        Assert.Contains("Eci:RegionId is required", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://eci.example.com/", false, true)]
    [InlineData("http://eci.example.com/", true, false)]
    [InlineData("http://127.0.0.1:8080/", false, false)]
    [InlineData("http://127.1.2.3:8080/", false, false)]
    [InlineData("http://localhost:8080/", false, false)]
    [InlineData("http://[::1]:8080/", false, false)]
    [InlineData("https://eci.example.com/", false, false)]
    [InlineData("ftp://eci.example.com/", false, true)]
    public void Plain_HTTP_is_only_for_loopback_unless_allowed(string endpoint, bool allow, bool refused)
    {
        var result = new EciClientOptionsValidator().Validate(null, new EciClientOptions { RegionId = "cn-hangzhou", Endpoint = new Uri(endpoint), AllowInsecureHttp = allow });
        Assert.Equal(refused, result.Failed);
        if (refused)
        {
            Assert.Contains(endpoint.TrimEnd('/'), result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Bad_numbers_are_each_reported()
    {
        var result = new EciClientOptionsValidator().Validate(null, new EciClientOptions
        {
            RegionId = "Hangzhou",
            AttemptTimeout = TimeSpan.Zero,
            MaxRetryAttempts = -1,
        });
        Assert.Equal(3, result.Failures!.Count());
    }

    [Fact]
    public async Task AddEciClient_validates_on_start_and_works_against_the_emulator()
    {
        await using var bed = await EciTestBed.StartAsync();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(bed.Clock);
        services.AddEciClient(
            o =>
            {
                o.RegionId = bed.Emulator.RegionId;
                o.Endpoint = bed.Emulator.BaseUri;
            },
            c =>
            {
                c.AccessKeyId = EmulatorTestCredentials.AccessKeyId;
                c.AccessKeySecret = EmulatorTestCredentials.AccessKeySecret;
            });
        await using var provider = services.BuildServiceProvider(validateScopes: true);
        var client = provider.GetRequiredService<IEciClient>();
        await client.CreateImageCacheAsync(EciTestBed.NewCache("from-di"));
        Assert.Equal(1, (await client.DescribeImageCachesAsync(new DescribeImageCachesRequest())).TotalCount);

        var bad = new ServiceCollection();
        bad.AddEciClient(o => o.Endpoint = new Uri("http://eci.example.com/"));
        await using var badProvider = bad.BuildServiceProvider();
        var error = Assert.Throws<OptionsValidationException>(() => badProvider.GetRequiredService<IOptions<EciClientOptions>>().Value);
        Assert.Contains("Eci:RegionId is required", error.Message, StringComparison.Ordinal);
        Assert.Contains("plain HTTP", error.Message, StringComparison.Ordinal);
    }
}
