using System.Diagnostics;
using System.Globalization;
using System.Net;
using ImageCacheFunctions.LocalGateway.Backends;
using ImageCacheFunctions.LocalGateway.Functions;
using ImageCacheFunctions.LocalGateway.Hosting;
using ImageCacheFunctions.LocalGateway.Stack;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImageCacheFunctions.LocalGateway.Bench;

/// <summary>
/// Measures, on loopback only and with bounded loops:
/// 1. cold start: spawning `dotnet &lt;fn&gt;.dll` until its readiness endpoint first answers 200;
/// 2. the gateway's added latency: the same GET straight to the function process and through
///    /function/&lt;name&gt;, interleaved so both see the same machine noise.
/// </summary>
internal static class BenchRunner
{
    // Fine polling: the cold start is measured to within this interval.
    private static readonly TimeSpan ColdStartPoll = TimeSpan.FromMilliseconds(2);
    private const int ColdStartMaxAttempts = 15_000;

    public static async Task<int> RunAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        StackFunction function;
        try
        {
            var stack = StackLoader.Load(settings.StackFile);
            function = settings.Function is null
                ? stack.Functions[0]
                : stack.Find(settings.Function) ?? throw new StackFileException(
                    $"--function: {settings.Function} is not in {stack.FilePath} (known: {string.Join(", ", stack.Functions.Select(f => f.Name))})");
        }
        catch (StackFileException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return GatewayRunner.BadUsage;
        }

        using var stateLock = StateDirectoryLock.TryAcquire(settings.StateDirectory);
        if (stateLock is null)
        {
            await Console.Error.WriteLineAsync($"error: another gateway or bench is using {settings.StateDirectory}").ConfigureAwait(false);
            return GatewayRunner.Failed;
        }

        using var launcher = new ChildProcessLauncher();
        var gatewaySettings = new GatewaySettings(0, settings.StackFile, settings.StateDirectory, null, null, GatewaySettings.DefaultEciRegion, false, [function.Name]);
        RunningFunctions? running = null;
        var address = new GatewayAddress();
        await using var app = GatewayApplication.Build(0, () => running!, address);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("LocalGateway.Bench");
        try
        {
            await using var backends = await LocalBackends.StartAsync(gatewaySettings, logger, cancellationToken).ConfigureAwait(false);
            SecretsDirectory.Prepare(gatewaySettings.SecretsDirectory, backends.Endpoints, EmbeddedEci.TestAccessKeyId);
            var artifact = await new FunctionBuilder(gatewaySettings.BuildArtifactsDirectory, logger)
                .BuildAsync(function, cancellationToken).ConfigureAwait(false);
            IReadOnlyDictionary<string, string?> Environment(int port) =>
                FunctionEnvironment.Compose(function, port, backends.Endpoints, gatewaySettings.SecretsDirectory);

            Console.WriteLine($"bench: function {function.Name} (dotnet {artifact.AssemblyPath}), {System.Environment.ProcessorCount} cores");
            var coldStarts = await MeasureColdStartsAsync(launcher, artifact, Environment, settings.ColdStarts, cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"cold start (spawn → first 200 from {Readiness.Path}), {coldStarts.Count} runs: {coldStarts.Describe()}");

            using var probe = new HttpClient();
            await using var supervisor = new FunctionSupervisor(function, artifact, Environment, launcher, FunctionOutput.Console(LogFormat.Text), probe, logger);
            running = new RunningFunctions([supervisor]);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            address.Set(GatewayApplication.ListeningAddress(app));
            var instance = await supervisor.StartAsync().ConfigureAwait(false)
                ?? throw new FunctionBuildException($"function {function.Name} did not become ready");
            var (direct, gateway) = await MeasureLatencyAsync(instance.BaseAddress, new Uri(address.Url, $"function/{function.Name}"), settings, cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"latency, GET {Readiness.Path}, {settings.Requests} sequential keep-alive requests per path after {settings.Warmup} warm-up:");
            Console.WriteLine($"  direct   {direct.Describe("F3")}");
            Console.WriteLine($"  gateway  {gateway.Describe("F3")}");
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  added by the gateway: median {gateway.Median - direct.Median:F3} ms, p99 {gateway.Percentile(99) - direct.Percentile(99):F3} ms"));
            return 0;
        }
        catch (Exception e) when (e is FunctionBuildException or BackendException)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return GatewayRunner.Failed;
        }
        finally
        {
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static async Task<LatencySamples> MeasureColdStartsAsync(
        ChildProcessLauncher launcher,
        FunctionArtifact artifact,
        Func<int, IReadOnlyDictionary<string, string?>> environment,
        int runs,
        CancellationToken cancellationToken)
    {
        var samples = new LatencySamples();
        using var probe = new HttpClient();
        for (var run = 0; run < runs; run++)
        {
            var port = FreePort.Next();
            var started = Stopwatch.GetTimestamp();
            using var process = await launcher.StartAsync(
                DotnetHost.Path, [artifact.AssemblyPath], environment(port), Path.GetDirectoryName(artifact.AssemblyPath)!).ConfigureAwait(false);
            // Drain the output so a chatty function never blocks on a full pipe.
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var ready = await Readiness.WaitAsync(probe, port, process, ColdStartPoll, ColdStartMaxAttempts, cancellationToken).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(started);
            await ProcessSignals.StopAsync(process, TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            if (!ready)
            {
                throw new FunctionBuildException($"{artifact.Name}: run {run + 1} did not become ready (exit code {(process.HasExited ? process.ExitCode : -1)})");
            }

            samples.Add(elapsed);
        }

        return samples;
    }

    private static async Task<(LatencySamples Direct, LatencySamples Gateway)> MeasureLatencyAsync(
        Uri function, Uri gatewayFunction, BenchSettings settings, CancellationToken cancellationToken)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, AutomaticDecompression = DecompressionMethods.None })
        {
            Timeout = TimeSpan.FromSeconds(10),
        };
        var directUrl = new Uri(function, Readiness.Path);
        var gatewayUrl = new Uri(gatewayFunction + Readiness.Path);
        var direct = new LatencySamples();
        var gateway = new LatencySamples();
        for (var i = 0; i < settings.Warmup; i++)
        {
            await TimeAsync(client, directUrl, cancellationToken).ConfigureAwait(false);
            await TimeAsync(client, gatewayUrl, cancellationToken).ConfigureAwait(false);
        }

        for (var i = 0; i < settings.Requests; i++)
        {
            direct.Add(await TimeAsync(client, directUrl, cancellationToken).ConfigureAwait(false));
            gateway.Add(await TimeAsync(client, gatewayUrl, cancellationToken).ConfigureAwait(false));
        }

        return (direct, gateway);
    }

    private static async Task<TimeSpan> TimeAsync(HttpClient client, Uri url, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await client.GetAsync(url, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new HttpRequestException($"GET {url} answered {(int)response.StatusCode}");
        }

        return elapsed;
    }
}
