using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenFaaS.Functions.Worker.Hosting;
using OpenFaaS.Functions.Worker.Metadata;
using OpenFaaS.Functions.Worker.Metrics;
using Prometheus;
using OpenFaaS.Functions.Worker.Timers;

namespace OpenFaaS.Functions.Worker.Http;

/// <summary>
/// The HTTP side of the host: Kestrel on 127.0.0.1:PORT (the upstream of of-watchdog), the
/// readiness and health endpoints, the Prometheus metrics, the cron-connector's POST, and one
/// route per HTTP function.
/// Kestrel and the middleware pipeline run inside the function's own host and container (no
/// second host): this service starts the server, and the host's StopAsync drains it.
/// </summary>
public sealed partial class FunctionsHttpServer : IHostedLifecycleService, IAsyncDisposable
{
    /// <summary>Answers 200 once the host has started (of-watchdog's ready_path), 503 before.</summary>
    public const string ReadyPath = "/_/ready";

    /// <summary>Answers 200 while the process serves HTTP.</summary>
    public const string HealthPath = "/_/health";

    private readonly IServiceProvider _services;
    private readonly ILogger<FunctionsHttpServer> _logger;
    private KestrelServer? _server;
    private Task _metricsPrepared = Task.CompletedTask;

    /// <summary>Created by dependency injection.</summary>
    public FunctionsHttpServer(IServiceProvider services, ILogger<FunctionsHttpServer> logger)
    {
        _services = services;
        _logger = logger;
        StartupStages.Mark(StartupStages.HostBuilt);
    }

    /// <summary>The address Kestrel listens on once started (the actual port when PORT is 0).</summary>
    public Uri? Address { get; private set; }

    /// <inheritdoc />
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        StartupStages.Mark(StartupStages.Validated);
        _metricsPrepared = Task.Run(HostMetrics.Prepare, cancellationToken);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Everything that can be wrong with the functions fails here, before the port opens.
        var settings = _services.GetRequiredService<WorkerHostSettings>();
        var catalog = _services.GetRequiredService<FunctionCatalog>();
        var connectorTimer = settings.TimerMode == TimerMode.Connector && settings.ConnectorNeedsKey ? catalog.TimerFunctions.FirstOrDefault() : null;
        var keys = FunctionKeys.Load(settings.SecretsDirectory, catalog.HttpFunctions, local: !settings.UnderWatchdog, warn: message => LogKeyKept(message), connectorTimer: connectorTimer);
        _ = _services.GetRequiredService<TimerSchedules>().All;
        var routes = FunctionRoute.For(catalog.HttpFunctions, settings.Routes);
        var actionResultsPrepared = ActionResults.NeededBy(catalog.HttpFunctions)
            ? Task.Run(_services.GetRequiredService<ActionResults>().Prepare, cancellationToken)
            : Task.CompletedTask;
        StartupStages.Mark(StartupStages.FunctionsFound);

        var lifetime = _services.GetRequiredService<IHostApplicationLifetime>();
        lifetime.ApplicationStarted.Register(StartupFailureReporter.MarkStarted);
        var time = _services.GetRequiredService<TimeProvider>();
        lifetime.ApplicationStarted.Register(() => HostMetrics.MarkStarted(time));
        lifetime.ApplicationStarted.Register(() =>
        {
            StartupStages.Mark(StartupStages.Started);
            LogStages(StartupStages.Describe());
        });
        var handler = _services.GetRequiredService<HttpInvocationHandler>();
        var cron = _services.GetRequiredService<CronConnectorHandler>();
        var hasTimers = catalog.TimerFunctions.Any();
        // Health checks the functions register (AddHealthChecks) detail /_/ready; Unhealthy is 503.
        var health = _services.GetService<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckService>();
        var loggerFactory = _services.GetRequiredService<ILoggerFactory>();
        var callLogger = loggerFactory.CreateLogger("OpenFaaS.Functions.Worker.Call");

        // Prometheus text, or OpenMetrics when the Accept header asks; before the function routes.
        var app = new ApplicationBuilder(_services);
        app.UseMetricServer(HostMetrics.Path);
        app.Use(async (http, next) =>
        {
            var path = http.Request.Path;
            if (path == HealthPath)
            {
                http.Response.StatusCode = StatusCodes.Status200OK;
                return;
            }

            if (path == ReadyPath)
            {
                var started = lifetime.ApplicationStarted.IsCancellationRequested && !lifetime.ApplicationStopping.IsCancellationRequested;
                http.Response.StatusCode = started ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
                if (started && health is not null)
                {
                    await ReadinessDetails.WriteAsync(http, health).ConfigureAwait(false);
                }

                return;
            }

            using var scope = HttpInvocationHandler.CallIdOf(http.Request) is { } callId ? callLogger.BeginScope(new CallLogScope(callId)) : null;
            if (hasTimers && CronConnectorHandler.IsConnectorCall(http.Request))
            {
                if (settings.TimerMode == TimerMode.Connector && settings.ConnectorNeedsKey && !keys.Authorize(http.Request, AuthorizationLevel.Function).Allowed)
                {
                    // X-Connector is a header anyone can send: it proves nothing by itself.
                    await ErrorResponses.WriteAsync(http.Response, StatusCodes.Status401Unauthorized, "unauthorized",
                        $"A cron-connector call runs the timer functions and needs the function key: send it in the {FunctionKeys.KeyHeader} header or the {FunctionKeys.KeyQueryParameter} query parameter ({WorkerHostSettings.ConnectorAuthKey}).").ConfigureAwait(false);
                }
                else if (settings.TimerMode == TimerMode.Connector)
                {
                    await cron.HandleAsync(http).ConfigureAwait(false);
                }
                else
                {
                    await ErrorResponses.WriteAsync(http.Response, StatusCodes.Status409Conflict, "timer_mode",
                        $"Timer functions run on the in-process schedule ({WorkerHostSettings.TimerModeKey}=quartz); cron-connector calls are refused so that no timer fires twice.").ConfigureAwait(false);
                }

                return;
            }

            await next(http).ConfigureAwait(false);
        });
        app.UseRouting();
        app.UseEndpoints(endpoints =>
        {
            foreach (var route in routes)
            {
                var function = route.Function;
                RequestDelegate invoke = http => handler.HandleAsync(http, function, keys, settings.MaxRequestBodyBytes);
                var endpoint = route.Methods.Count == 0
                    ? endpoints.Map(route.Pattern, invoke)
                    : endpoints.MapMethods(route.Pattern, route.Methods, invoke);
                endpoint.WithDisplayName(function.Name);
            }
        });
        app.Run(http => ErrorResponses.WriteAsync(http.Response, StatusCodes.Status404NotFound, "not_found",
            $"No function answers {http.Request.Method} {http.Request.Path}."));
        var pipeline = app.Build();
        StartupStages.Mark(StartupStages.PipelineBuilt);

        // The metrics exist before the port opens: a scrape never sees them missing.
        await _metricsPrepared.ConfigureAwait(false);
        await actionResultsPrepared.ConfigureAwait(false);
        var server = new KestrelServer(Options.Create(KestrelOptions(settings)), new SocketTransportFactory(Options.Create(new SocketTransportOptions()), loggerFactory), loggerFactory);
        _server = server;
        try
        {
            await server.StartAsync(new FunctionsHttpApplication(pipeline, new DefaultHttpContextFactory(_services)), cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw new FunctionsStartupException(
                $"cannot listen on 127.0.0.1:{settings.Port} (setting {WorkerHostSettings.PortKey}): {e.Message}", e);
        }
        StartupStages.Mark(StartupStages.Listening);
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        Address = address is null ? null : new Uri(address);
        LogListening(Address?.ToString() ?? "(unknown)", catalog.Functions.Count, settings.TimerMode.ToString().ToLowerInvariant());
        foreach (var route in routes)
        {
            LogRoute(route.Function.Name, route.Methods.Count == 0 ? "*" : string.Join(',', route.Methods), route.Pattern, route.Function.HttpTrigger!.AuthLevel.ToString());
        }

        if (keys.IsOpen)
        {
            LogKeysOff(settings.SecretsDirectory);
        }

        foreach (var (function, problem) in catalog.Warnings)
        {
            LogUnsupported(function, problem);
        }
    }

    /// <inheritdoc />
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            // Kestrel stops accepting and lets calls in flight finish until the host's shutdown timeout.
            await _server.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _server?.Dispose();
        _server = null;
        return ValueTask.CompletedTask;
    }

    // What UseKestrelCore with ConfigureKestrel sets up, without a web host around it.
    private KestrelServerOptions KestrelOptions(WorkerHostSettings settings)
    {
        var kestrel = new KestrelServerOptions { ApplicationServices = _services, AddServerHeader = false };
        kestrel.Limits.MaxRequestBodySize = settings.MaxRequestBodyBytes;
        kestrel.Listen(IPAddress.Loopback, settings.Port);
        return kestrel;
    }

    [LoggerMessage(30, LogLevel.Information, "Listening on {Address} with {FunctionCount} function(s), timer mode {TimerMode}")]
    private partial void LogListening(string address, int functionCount, string timerMode);

    [LoggerMessage(33, LogLevel.Warning, "Running locally without function-key/admin-key in {SecretsDirectory}: functions are served without key checks, as with Azure Functions Core Tools")]
    private partial void LogKeysOff(string secretsDirectory);

    [LoggerMessage(32, LogLevel.Warning, "Function '{FunctionName}' {Problem}")]
    private partial void LogUnsupported(string functionName, string problem);

    [LoggerMessage(31, LogLevel.Information, "Function '{FunctionName}': {Methods} {Pattern} (AuthorizationLevel.{AuthLevel})")]
    private partial void LogRoute(string functionName, string methods, string pattern, string authLevel);

    [LoggerMessage(35, LogLevel.Information, "Start-up stages since the process started: {Stages}")]
    private partial void LogStages(string stages);

    [LoggerMessage(34, LogLevel.Warning, "Function key: {Detail}")]
    private partial void LogKeyKept(string detail);
}
