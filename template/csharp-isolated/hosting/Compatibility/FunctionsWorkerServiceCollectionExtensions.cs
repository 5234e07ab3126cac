using System.Diagnostics;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Invocation;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using OpenFaaS.Functions.Worker.Hosting;
using OpenFaaS.Functions.Worker.Http;
using OpenFaaS.Functions.Worker.Invocation;
using OpenFaaS.Functions.Worker.Json;
using OpenFaaS.Functions.Worker.Logging;
using OpenFaaS.Functions.Worker.Metadata;
using OpenFaaS.Functions.Worker.Timers;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the OpenFaaS host in place of the Azure Functions gRPC worker, under the name
/// the Worker package uses (<c>AddFunctionsWorkerDefaults</c>).
/// </summary>
public static class FunctionsWorkerServiceCollectionExtensions
{
    /// <summary>
    /// Adds the OpenFaaS host: function discovery, the HTTP server, timers, JSON console logs
    /// and <see cref="WorkerOptions"/> with Azure's JSON serializer defaults. Calling it again
    /// returns the same builder.
    /// </summary>
    public static IFunctionsWorkerApplicationBuilder AddFunctionsWorkerDefaults(this IServiceCollection services, Action<WorkerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        StartupStages.Mark(StartupStages.Entry);
        if (configure is not null)
        {
            services.Configure(configure);
        }

        var existing = services.FirstOrDefault(d => d.ServiceType == typeof(IFunctionsWorkerApplicationBuilder))?.ImplementationInstance;
        if (existing is IFunctionsWorkerApplicationBuilder registered)
        {
            return registered;
        }

        StartupFailureReporter.Install();
        var builder = new FunctionsWorkerApplicationBuilder(services);
        services.AddSingleton<IFunctionsWorkerApplicationBuilder>(builder);

        services.AddOptions<WorkerOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Transient<IConfigureOptions<JsonSerializerOptions>, JsonSerializerOptionsSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Transient<IPostConfigureOptions<WorkerOptions>, WorkerOptionsSerializerSetup>());
        services.AddOptions<FunctionsHostOptions>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddLogging(logging => logging
            .AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            })
            .AddConsole(o => o.FormatterName = MetricJsonConsoleFormatter.FormatterName)
            // One line per request from ASP.NET Core itself is noise next to the invocation lines.
            .AddFilter("Microsoft.AspNetCore", LogLevel.Warning)
            .AddFilter("Quartz", LogLevel.Warning)
            .AddFilter<ConsoleLoggerProvider>(
                "Microsoft.Extensions.Hosting.Internal.Host",
                level => level >= LogLevel.Information && (level < LogLevel.Error || StartupFailureReporter.HostStarted)));

        // The same JSON lines, with ILogger.LogMetric's name, value and properties kept (it has no
        // options of its own to bind, so not AddConsoleFormatter, which binds them by reflection).
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ConsoleFormatter, MetricJsonConsoleFormatter>());

        services.TryAddSingleton(sp => WorkerHostSettings.From(sp.GetRequiredService<IConfiguration>()));
        services.TryAddSingleton<FunctionCatalog>();
        services.TryAddSingleton<IFunctionExecutor, FunctionExecutor>();
        services.TryAddSingleton<FunctionExecutionDelegate>(sp =>
        {
            var executor = sp.GetRequiredService<IFunctionExecutor>();
            return builder.Build(context => executor.ExecuteAsync(context).AsTask());
        });
        services.TryAddSingleton<FunctionInvocationRunner>();
        services.TryAddSingleton<HttpInvocationHandler>();
        services.TryAddSingleton<ActionResults>();
        // Kestrel and the routes run in this host (FunctionsHttpServer), on these services.
        services.AddRouting();
        // Routing's middleware reports to the listener ASP.NET Core's web host would register.
        services.TryAddSingleton(_ => new DiagnosticListener("Microsoft.AspNetCore"));
        services.TryAddSingleton<DiagnosticSource>(sp => sp.GetRequiredService<DiagnosticListener>());
        services.TryAddSingleton<TimerSchedules>();
        services.TryAddSingleton<TimerFunctionRunner>();
        services.TryAddSingleton<CronConnectorHandler>();

        services.AddSingleton<FunctionsHttpServer>();
        services.AddHostedService(sp => sp.GetRequiredService<FunctionsHttpServer>());
        services.AddHostedService<QuartzTimerScheduler>();
        return builder;
    }

    // As Microsoft's worker: the serializer is System.Text.Json with the app's
    // IOptions<JsonSerializerOptions> (property names as declared, PascalCase for C#; read
    // case-insensitively), unless WorkerOptions.Serializer is set.
    private sealed class WorkerOptionsSerializerSetup(IOptions<JsonSerializerOptions> serializerOptions) : IPostConfigureOptions<WorkerOptions>
    {
        public void PostConfigure(string? name, WorkerOptions options) =>
            options.Serializer ??= new WorkerJsonSerializer(serializerOptions.Value);
    }

    private sealed class JsonSerializerOptionsSetup : IConfigureOptions<JsonSerializerOptions>
    {
        public void Configure(JsonSerializerOptions options)
        {
            options.PropertyNameCaseInsensitive = true;
            GeneratedFunctions.AddJsonContracts(options);
        }
    }
}
