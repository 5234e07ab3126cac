using System.Net;
using System.Text.Json.Nodes;
using ImageCacheFunctions.LocalGateway.Functions;
using ImageCacheFunctions.LocalGateway.Hosting;
using ImageCacheFunctions.LocalGateway.Stack;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImageCacheFunctions.LocalGateway.Tests.Unit;

/// <summary>A function whose process is not (yet, or no longer) ready: callers are told to retry.</summary>
public sealed class NotReadyFunctionTests : IAsyncLifetime
{
    private static readonly StackFunction Function = new(
        "starting", "csharp-isolated", "/nowhere", "image", new Dictionary<string, string>(), [], new Dictionary<string, string>(), new Dictionary<string, string>());

    private readonly ChildProcessLauncher _launcher = new();
    private readonly HttpClient _client = new();
    private FunctionSupervisor _supervisor = null!;
    private WebApplication _gateway = null!;
    private Uri _url = null!;

    public async Task InitializeAsync()
    {
        // Never started: it has no ready process.
        _supervisor = new FunctionSupervisor(
            Function,
            new FunctionArtifact(Function.Name, "/nowhere/x.csproj", "/nowhere/x.dll"),
            _ => new Dictionary<string, string?>(),
            _launcher,
            new FunctionOutput(LogFormat.Text, TextWriter.Null, TimeZoneInfo.Utc),
            _client,
            NullLogger.Instance);
        var functions = new RunningFunctions([_supervisor]);
        _gateway = GatewayApplication.Build(0, () => functions, new GatewayAddress());
        await _gateway.StartAsync();
        _url = GatewayApplication.ListeningAddress(_gateway);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _supervisor.DisposeAsync();
        _client.Dispose();
        _launcher.Dispose();
    }

    [Fact]
    public async Task Answers_503_with_retry_after_and_lists_no_available_replica()
    {
        using var response = await _client.PostAsync(new Uri(_url, "/function/starting/work"), new StringContent("x"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Contains("starting", error["error"]!.GetValue<string>(), StringComparison.Ordinal);

        var status = JsonNode.Parse(await _client.GetStringAsync(new Uri(_url, "/system/function/starting")))!;
        Assert.Equal(0, status["availableReplicas"]!.GetValue<int>());
        Assert.Equal(1, status["invocationCount"]!.GetValue<long>());
    }
}
