using System.Net;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenFaaS.Functions.Worker.Hosting;
using OpenFaaS.Functions.Worker.Http;
using ImageCacheFunctions.Hosting.Tests.SampleApp;

namespace ImageCacheFunctions.Hosting.Tests;

/// <summary>
/// Issue 12, item 3: <c>X-Connector: cron-connector</c> is a header anyone can send, so a
/// connector call must carry the function key; and a timer function runs one pass at a time per
/// process, an overlapping call skipping it (429 when it ran nothing) and counting the skip.
/// </summary>
public sealed class ConnectorHardeningTests
{
    [Fact]
    public async Task A_connector_call_without_the_key_is_refused_and_runs_nothing()
    {
        await using var host = await GatedHost.StartAsync();
        GatedTimer.Release();

        using var anonymous = await host.Client.SendAsync(ConnectorCall(key: null));
        using var wrongKey = await host.Client.SendAsync(ConnectorCall(key: "guess"));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.Equal(0, GatedTimer.Runs);

        using var keyed = await host.Client.SendAsync(ConnectorCall(SecretsFolder.FunctionKey));
        Assert.Equal(HttpStatusCode.OK, keyed.StatusCode);
        Assert.Equal(1, GatedTimer.Runs);
    }

    [Fact]
    public async Task Overlapping_connector_calls_skip_the_running_timer_and_count_it()
    {
        await using var host = await GatedHost.StartAsync();
        var skippedBefore = SkippedCount();

        var first = host.Client.SendAsync(ConnectorCall(SecretsFolder.FunctionKey));
        await GatedTimer.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var overlapping = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => host.Client.SendAsync(ConnectorCall(SecretsFolder.FunctionKey))));
        GatedTimer.Release();
        using var done = await first;

        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.All(overlapping, r => Assert.Equal(HttpStatusCode.TooManyRequests, r.StatusCode));
        using var report = JsonDocument.Parse(await overlapping[0].Content.ReadAsStringAsync());
        Assert.Equal("skipped", report.RootElement.GetProperty("timers")[0].GetProperty("status").GetString());
        Assert.Equal(1, GatedTimer.Runs);
        Assert.Equal(skippedBefore + 5, SkippedCount());
        foreach (var response in overlapping)
        {
            response.Dispose();
        }
    }

    [Fact]
    public void A_connector_process_without_the_function_key_does_not_start()
    {
        using var secrets = SecretsFolder.With();
        var failure = Assert.Throws<FunctionsStartupException>(() => GatedHost.Build(secrets).StartAsync().GetAwaiter().GetResult());

        Assert.Contains("function-key", failure.Message, StringComparison.Ordinal);
        Assert.Contains("FUNCTIONS_CONNECTOR_AUTH", failure.Message, StringComparison.Ordinal);
    }

    private static double SkippedCount() =>
        OpenFaaS.Functions.Worker.Metrics.HostMetrics.TimerRunsSkipped.WithLabels(nameof(GatedTimer)).Value;

    private static HttpRequestMessage ConnectorCall(string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/");
        request.Headers.Add("X-Connector", "cron-connector");
        request.Headers.Add("X-Topic", "cron-function");
        if (key is not null)
        {
            request.Headers.Add("x-functions-key", key);
        }

        return request;
    }

    private sealed class GatedHost : IAsyncDisposable
    {
        private readonly IHost _host;
        private readonly SecretsFolder _secrets;

        private GatedHost(IHost host, SecretsFolder secrets, HttpClient client)
        {
            _host = host;
            _secrets = secrets;
            Client = client;
        }

        public HttpClient Client { get; }

        public static IHost Build(SecretsFolder secrets)
        {
            var builder = FunctionsApplication.CreateBuilder([]);
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["PORT"] = "0",
                ["OPENFAAS_SECRETS_DIR"] = secrets.Path,
                ["FUNCTIONS_TIMER_MODE"] = "connector",
                // As under of-watchdog: keys are required (a local run without secrets is open).
                ["fprocess"] = "dotnet Hosting.Tests.dll",
            });
            builder.Services.Configure<FunctionsHostOptions>(o => o.FunctionAssemblies.Add(typeof(GatedTimer).Assembly));
            return builder.Build();
        }

        public static async Task<GatedHost> StartAsync()
        {
            GatedTimer.Reset();
            var secrets = SecretsFolder.With("function-key");
            var host = Build(secrets);
            await host.StartAsync();
            var client = new HttpClient { BaseAddress = host.Services.GetRequiredService<FunctionsHttpServer>().Address, Timeout = TimeSpan.FromSeconds(60) };
            return new GatedHost(host, secrets, client);
        }

        public async ValueTask DisposeAsync()
        {
            GatedTimer.Release();
            Client.Dispose();
            await _host.StopAsync();
            _host.Dispose();
            _secrets.Dispose();
        }
    }
}

/// <summary>A timer whose run waits until the test releases it, so that calls overlap for certain (a TimeSpan schedule runs on every connector call).</summary>
public sealed class GatedTimer
{
    private static TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private static int _runs;

    public static TaskCompletionSource Started { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static int Runs => Volatile.Read(ref _runs);

    public static void Reset()
    {
        _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        Started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _runs, 0);
    }

    public static void Release() => _gate.TrySetResult();

    [Function(nameof(GatedTimer))]
    public static async Task RunAsync([TimerTrigger("01:00:00")] TimerInfo timer)
    {
        ArgumentNullException.ThrowIfNull(timer);
        Interlocked.Increment(ref _runs);
        Started.TrySetResult();
        await _gate.Task;
    }
}
