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
/// The performance table in one run, loopback only, every loop bounded: the functions' cold
/// start against the anchors published in the same run (tests/Benchmarks/Anchors), the gateway's
/// added latency. Each figure is
/// printed with its anchor, the ratio and the target; the Markdown table comes last.
/// </summary>
internal static class BenchRunner
{
    public static async Task<int> RunAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        StackDefinition stack;
        IReadOnlyList<StackFunction> functions;
        try
        {
            stack = StackLoader.Load(settings.StackFile);
            functions = settings.Function is null
                ? stack.Functions
                : [stack.Find(settings.Function) ?? throw new StackFileException(
                    $"--function: {settings.Function} is not in {stack.FilePath} (known: {string.Join(", ", stack.Functions.Select(f => f.Name))})")];
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

        // A bench starts from an empty cluster: the state file of an earlier run is dropped.
        var gatewaySettings = new GatewaySettings(0, settings.StackFile, settings.StateDirectory, null, null, GatewaySettings.DefaultEciRegion, false, [.. functions.Select(f => f.Name)]);
        File.Delete(gatewaySettings.KubernetesStateFile);
        using var launcher = new ChildProcessLauncher();
        RunningFunctions? running = null;
        var address = new GatewayAddress();
        await using var app = GatewayApplication.Build(0, () => running!, address);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("LocalGateway.Bench");
        var table = new BenchTable();
        try
        {
            await using var backends = await LocalBackends.StartAsync(gatewaySettings, logger, cancellationToken).ConfigureAwait(false);
            SecretsDirectory.Prepare(gatewaySettings.SecretsDirectory, backends.Endpoints, EmbeddedEci.TestAccessKeyId);
            var artifacts = await new FunctionBuilder(gatewaySettings.BuildArtifactsDirectory, logger, publish: settings.AsShipped).BuildAsync(functions, cancellationToken).ConfigureAwait(false);
            var repository = Anchors.FindRepository(settings.StackFile);
            var anchorsDirectory = Path.Combine(settings.StateDirectory, "anchors");
            var bareHost = await Anchors.PublishBareHostAsync(repository, Path.Combine(anchorsDirectory, "BareHost"), settings.AsShipped, logger, cancellationToken).ConfigureAwait(false);
            var aotHello = settings.AotAnchor
                ? await Anchors.PublishAotHelloAsync(repository, Path.Combine(anchorsDirectory, "AotHello"), logger, cancellationToken).ConfigureAwait(false)
                : null;

            // The template's skeleton, JIT and NativeAOT, with the NativeAOT anchor (--no-aot leaves all three out).
            var skeleton = aotHello is not null
                ? await TemplateSkeleton.PublishAsync(repository, Path.Combine(anchorsDirectory, "skeleton"), settings.AsShipped, logger, cancellationToken).ConfigureAwait(false)
                : null;
            var skeletonAot = aotHello is not null
                ? await TemplateSkeleton.PublishAotAsync(repository, Path.Combine(anchorsDirectory, "skeleton-aot"), logger, cancellationToken).ConfigureAwait(false)
                : null;

            Console.WriteLine($"bench: {BenchMachine.Describe()}");
            var subjects = new List<BenchSubject> { bareHost };
            subjects.AddRange(new[] { skeleton, aotHello, skeletonAot }.OfType<BenchSubject>());

            var functionSubjects = functions.Zip(artifacts).Select(pair => new BenchSubject(
                pair.First.Name,
                DotnetHost.Path,
                [pair.Second.AssemblyPath],
                port => FunctionEnvironment.Compose(pair.First, port, backends.Endpoints, gatewaySettings.SecretsDirectory),
                Readiness.Path)).ToList();
            subjects.AddRange(functionSubjects);
            await ColdStartRowsAsync(table, launcher, subjects, bareHost, aotHello, [.. new[] { skeleton }.OfType<BenchSubject>(), .. functionSubjects], skeletonAot, settings.ColdStarts, cancellationToken).ConfigureAwait(false);

            // The webhook is the function behind the gateway when it is in the run: its sections follow.
            var latencyIndex = Math.Max(0, functions.ToList().FindIndex(f => f.Name == WebhookBenchSection.FunctionName));
            var latencyFunction = functions[latencyIndex];
            var latencyArtifact = artifacts[latencyIndex];
            using var probe = new HttpClient();
            await using var supervisor = new FunctionSupervisor(
                latencyFunction, latencyArtifact, port => FunctionEnvironment.Compose(latencyFunction, port, backends.Endpoints, gatewaySettings.SecretsDirectory), launcher, FunctionOutput.Console(LogFormat.Text), probe, logger);
            running = new RunningFunctions([supervisor]);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            address.Set(GatewayApplication.ListeningAddress(app));
            var instance = await supervisor.StartAsync().ConfigureAwait(false)
                ?? throw new FunctionBuildException($"function {latencyFunction.Name} did not become ready");
            var (direct, gateway) = await MeasureLatencyAsync(instance.BaseAddress, new Uri(address.Url, $"function/{latencyFunction.Name}"), settings, cancellationToken).ConfigureAwait(false);
            var added = gateway.Median - direct.Median;
            table.Add(new BenchRow(
                $"gateway added latency, GET {Readiness.Path} of {latencyFunction.Name}, {settings.Requests} sequential requests (p50; p99)",
                string.Create(CultureInfo.InvariantCulture, $"{added:F3} ms; {gateway.Percentile(99) - direct.Percentile(99):F3} ms"),
                string.Create(CultureInfo.InvariantCulture, $"direct {direct.Median:F3} ms; {direct.Percentile(99):F3} ms"),
                BenchTable.Ratio(gateway.Median, direct.Median),
                "≤ 0.3 ms p50",
                added <= 0.3));

            if (latencyFunction.Name == WebhookBenchSection.FunctionName && backends.Endpoints.KubernetesEmulator is { } kubernetes)
            {
                await WebhookBenchSection.RunAsync(table, kubernetes, instance.BaseAddress, gatewaySettings.SecretsDirectory, settings, cancellationToken).ConfigureAwait(false);
            }

            if (settings.ReconcileCaches > 0)
            {
                await ReconcileBenchSection.RunAsync(table, settings.ReconcileCaches, cancellationToken).ConfigureAwait(false);
            }

            PruneBenchSection.Run(table, settings.PruneCaches);

            Console.WriteLine();
            Console.WriteLine($"Machine: {BenchMachine.Describe()}");
            Console.WriteLine();
            Console.Write(table.ToMarkdown());
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

    private static async Task ColdStartRowsAsync(
        BenchTable table,
        ChildProcessLauncher launcher,
        IReadOnlyList<BenchSubject> subjects,
        BenchSubject bareHost,
        BenchSubject? aotHello,
        IReadOnlyList<BenchSubject> functions,
        BenchSubject? skeletonAot,
        int rounds,
        CancellationToken cancellationToken)
    {
        var results = await ColdStart.MeasureAsync(launcher, subjects, rounds, cancellationToken).ConfigureAwait(false);
        var (anchorStart, anchorRss) = results[bareHost];
        var anchor = string.Create(CultureInfo.InvariantCulture, $"{anchorStart.Median:F0} ms, {anchorRss.Median:F0} MiB ({bareHost.Name})");
        foreach (var function in functions)
        {
            var (start, rss) = results[function];
            table.Add(new BenchRow(
                $"cold start {function.Name}, spawn → first 200 from {function.ReadyPath} (median of {rounds}), RSS then",
                string.Create(CultureInfo.InvariantCulture, $"{start.Median:F0} ms, {rss.Median:F0} MiB"),
                anchor,
                $"{BenchTable.Ratio(start.Median, anchorStart.Median)}, RSS {BenchTable.Ratio(rss.Median, anchorRss.Median)}",
                "≤ 1.1×, RSS ≤ anchor",
                start.Median <= 1.1 * anchorStart.Median && rss.Median <= anchorRss.Median));
        }

        if (aotHello is null)
        {
            table.Add(new BenchRow("cold start NativeAOT hello", "not measured: left out (--no-aot) or its NativeAOT publish failed (see the log)", anchor, "–", "(the .NET floor)", null));
            return;
        }

        var (aotStart, aotRss) = results[aotHello];
        table.Add(new BenchRow(
            $"cold start {aotHello.Name}, spawn → first 200 from / (median of {rounds}), RSS then",
            string.Create(CultureInfo.InvariantCulture, $"{aotStart.Median:F0} ms, {aotRss.Median:F0} MiB"),
            anchor,
            $"{BenchTable.Ratio(aotStart.Median, anchorStart.Median)}, RSS {BenchTable.Ratio(aotRss.Median, anchorRss.Median)}",
            "(the .NET floor)",
            null));

        if (skeletonAot is null)
        {
            table.Add(new BenchRow("cold start template skeleton, NativeAOT", "not measured: its NativeAOT publish failed (see the log)", anchor, "–", "≤ 2× NativeAOT hello, ≤ 40 MB", null));
            return;
        }

        // Issue 18, target 2: the skeleton published NativeAOT against the NativeAOT hello.
        var (skeletonStart, skeletonRss) = results[skeletonAot];
        var rssMegabytes = skeletonRss.Median * 1024 * 1024 / 1_000_000;
        table.Add(new BenchRow(
            $"cold start {skeletonAot.Name}, spawn → first 200 from {skeletonAot.ReadyPath} (median of {rounds}), RSS then",
            string.Create(CultureInfo.InvariantCulture, $"{skeletonStart.Median:F0} ms, {skeletonRss.Median:F0} MiB ({rssMegabytes:F1} MB)"),
            string.Create(CultureInfo.InvariantCulture, $"{aotStart.Median:F0} ms, {aotRss.Median:F0} MiB ({aotHello.Name})"),
            $"{BenchTable.Ratio(skeletonStart.Median, aotStart.Median)}, RSS {BenchTable.Ratio(skeletonRss.Median, aotRss.Median)}",
            "≤ 2× NativeAOT hello, ≤ 40 MB",
            skeletonStart.Median <= 2 * aotStart.Median && rssMegabytes <= 40));
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

        // Interleaved, so both paths see the same machine noise.
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
