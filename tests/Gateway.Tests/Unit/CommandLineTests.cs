using ImageCacheFunctions.LocalGateway.CommandLine;

namespace ImageCacheFunctions.LocalGateway.Tests.Unit;

public sealed class CommandLineTests
{
    [Theory]
    [InlineData("--port", "70000", "--port")]
    [InlineData("--port", "http", "http")]
    [InlineData("--eci-endpoint", "ftp://example.com", "--eci-endpoint")]
    [InlineData("--eci-endpoint", "eci.cn-hangzhou.aliyuncs.com", "--eci-endpoint")]
    [InlineData("--eci-region", "CN HANGZHOU", "--eci-region")]
    [InlineData("--kubeconfig", "/nonexistent/kubeconfig", "not found")]
    [InlineData("--unknown", "x", "--unknown")]
    [InlineData("--log-format", "xml", "xml")]
    public void A_bad_option_is_reported_by_name(string option, string value, string expected)
    {
        var result = GatewayCommandLine.Create().Parse([option, value]);

        Assert.Single(result.Errors, e => e.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Good_options_parse_cleanly()
    {
        var result = GatewayCommandLine.Create().Parse(
            ["--port", "0", "--eci-endpoint", "https://eci.cn-beijing.aliyuncs.com", "--eci-region", "cn-beijing", "--no-cron", "--functions", "a,b", "--log-format", "json"]);

        Assert.Empty(result.Errors);
    }

    [Theory]
    [InlineData("--runs", "0")]
    [InlineData("--requests", "0")]
    [InlineData("--requests", "2000000")]
    public void Bench_loops_are_bounded(string option, string value)
    {
        var result = GatewayCommandLine.Create().Parse(["bench", option, value]);

        Assert.NotEmpty(result.Errors);
    }
}
