using ImageCacheFunctions.LocalGateway.Backends;
using ImageCacheFunctions.LocalGateway.Cron;
using ImageCacheFunctions.LocalGateway.Functions;
using ImageCacheFunctions.LocalGateway.Stack;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;

namespace ImageCacheFunctions.LocalGateway.Hosting;

/// <summary>
/// The gateway's life: backends, builds, the web front, one supervised process per function,
/// the cron schedules; then, on Ctrl+C or SIGTERM, everything stopped in reverse order.
/// </summary>
internal static class GatewayRunner
{
    public const int Failed = 1;
    public const int BadUsage = 2;

    public static async Task<int> RunAsync(GatewaySettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var shutdown = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var launcher = new ChildProcessLauncher();
        var output = FunctionOutput.Console(settings.LogFormat);
        using var signals = ShutdownSignals.Register(shutdown, launcher);

        StackDefinition stack;
        IReadOnlyList<StackFunction> selected;
        try
        {
            stack = StackLoader.Load(settings.StackFile);
            selected = Select(stack, settings.FunctionNames);
            CronConnector.Validate(selected);
        }
        catch (Exception e) when (e is StackFileException or FormatException)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return BadUsage;
        }

        using var stateLock = StateDirectoryLock.TryAcquire(settings.StateDirectory);
        if (stateLock is null)
        {
            await Console.Error.WriteLineAsync($"error: another local gateway is using {settings.StateDirectory}; stop it or pass --state-dir").ConfigureAwait(false);
            return Failed;
        }

        RunningFunctions? running = null;
        var address = new GatewayAddress();
        await using var app = GatewayApplication.Build(
            settings.Port, () => running ?? throw new InvalidOperationException("functions are not started yet"), address, settings.SecretsDirectory);
        var loggers = app.Services.GetRequiredService<ILoggerFactory>();
        var logger = loggers.CreateLogger("LocalGateway");

        LocalBackends? backends = null;
        var supervisors = new List<FunctionSupervisor>();
        using var probe = new HttpClient();
        CronConnector? cron = null;
        try
        {
            backends = await LocalBackends.StartAsync(settings, logger, shutdown.Token).ConfigureAwait(false);
            SecretsDirectory.Prepare(settings.SecretsDirectory, backends.Endpoints, EmbeddedEci.TestAccessKeyId);
            var missing = SecretsDirectory.Missing(selected, settings.SecretsDirectory);
            foreach (var (function, secret, path) in missing)
            {
                logger.LogWarning("{Function}: secret {Secret} is missing; create {Path} (as `faas-cli secret create {Secret}` would)", function, secret, path, secret);
            }

            var artifacts = await new FunctionBuilder(settings.BuildArtifactsDirectory, logger)
                .BuildAsync(selected, shutdown.Token).ConfigureAwait(false);
            foreach (var (function, artifact) in selected.Zip(artifacts))
            {
                var endpoints = backends.Endpoints;
                supervisors.Add(new FunctionSupervisor(
                    function,
                    artifact,
                    port => FunctionEnvironment.Compose(function, port, endpoints, settings.SecretsDirectory, address.Url),
                    launcher,
                    output,
                    probe,
                    loggers.CreateLogger($"LocalGateway.{function.Name}")));
            }

            running = new RunningFunctions(supervisors);
            try
            {
                await app.StartAsync(shutdown.Token).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                await Console.Error.WriteLineAsync($"error: cannot listen on 127.0.0.1:{settings.Port}: {e.Message}").ConfigureAwait(false);
                return Failed;
            }

            var gatewayUrl = GatewayApplication.ListeningAddress(app);
            address.Set(gatewayUrl);
            // Starts after the summary are announced one by one; the summary shows the rest.
            var summarized = false;
            foreach (var supervisor in supervisors)
            {
                supervisor.Ready += (s, instance) =>
                {
                    if (Volatile.Read(ref summarized))
                    {
                        StartupSummary.WriteRestart(gatewayUrl, s, instance);
                    }
                };
            }

            await Task.WhenAll(supervisors.Select(s => s.StartAsync())).ConfigureAwait(false);

            if (settings.Cron)
            {
                cron = await CronConnector.StartAsync(app.Services.GetRequiredService<ISchedulerFactory>(), selected, shutdown.Token).ConfigureAwait(false);
            }

            StartupSummary.Write(settings, gatewayUrl, supervisors, backends.Endpoints, launcher.ParentDeathSignal, cron, missing);
            Volatile.Write(ref summarized, true);
            await Task.Delay(Timeout.Infinite, shutdown.Token).ConfigureAwait(false);
            return 0;
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            return 0;
        }
        catch (Exception e) when (e is FunctionBuildException or BackendException)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return Failed;
        }
        finally
        {
            logger.LogInformation("Stopping");
            if (cron is not null)
            {
                await cron.DisposeAsync().ConfigureAwait(false);
            }

            await Task.WhenAll(supervisors.Select(s => s.DisposeAsync().AsTask())).ConfigureAwait(false);
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            if (backends is not null)
            {
                await backends.DisposeAsync().ConfigureAwait(false);
            }

            logger.LogInformation("Stopped");
        }
    }

    private static List<StackFunction> Select(StackDefinition stack, IReadOnlyList<string>? names)
    {
        if (names is null)
        {
            return [.. stack.Functions];
        }

        var unknown = names.Where(n => stack.Find(n) is null).ToList();
        if (unknown.Count > 0)
        {
            throw new StackFileException(
                $"--functions: not in {stack.FilePath}: {string.Join(", ", unknown)} (known: {string.Join(", ", stack.Functions.Select(f => f.Name))})");
        }

        if (names.Count == 0)
        {
            throw new StackFileException("--functions: no function named");
        }

        return stack.Functions.Where(f => names.Contains(f.Name, StringComparer.Ordinal)).ToList();
    }
}
