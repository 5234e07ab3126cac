using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// <c>ConfigureFunctionsWorkerDefaults</c> as the Azure Functions Worker package declares it,
/// backed by the OpenFaaS host, so an isolated-worker Program.cs compiles unchanged.
/// </summary>
public static class WorkerHostBuilderExtensions
{
    public static IHostBuilder ConfigureFunctionsWorkerDefaults(this IHostBuilder builder) =>
        builder.ConfigureFunctionsWorkerDefaults(static (IFunctionsWorkerApplicationBuilder _) => { });

    public static IHostBuilder ConfigureFunctionsWorkerDefaults(this IHostBuilder builder, Action<IFunctionsWorkerApplicationBuilder> configure) =>
        builder.ConfigureFunctionsWorkerDefaults(configure, null);

    public static IHostBuilder ConfigureFunctionsWorkerDefaults(this IHostBuilder builder, Action<WorkerOptions> configureOptions) =>
        builder.ConfigureFunctionsWorkerDefaults(static (IFunctionsWorkerApplicationBuilder _) => { }, configureOptions);

    public static IHostBuilder ConfigureFunctionsWorkerDefaults(this IHostBuilder builder, Action<IFunctionsWorkerApplicationBuilder> configure, Action<WorkerOptions>? configureOptions)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return builder.ConfigureFunctionsWorkerDefaults((_, app) => configure(app), configureOptions);
    }

    public static IHostBuilder ConfigureFunctionsWorkerDefaults(this IHostBuilder builder, Action<HostBuilderContext, IFunctionsWorkerApplicationBuilder> configure) =>
        builder.ConfigureFunctionsWorkerDefaults(configure, null);

    public static IHostBuilder ConfigureFunctionsWorkerDefaults(this IHostBuilder builder, Action<HostBuilderContext, IFunctionsWorkerApplicationBuilder> configure, Action<WorkerOptions>? configureOptions)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        return builder
            .ConfigureHostConfiguration(config => config.AddEnvironmentVariables("AZURE_FUNCTIONS_"))
            // Under OpenFaaS every setting (PORT, secrets dir, app settings) arrives as an environment variable.
            .ConfigureAppConfiguration(config =>
            {
                config.AddEnvironmentVariables();
                OpenFaaS.Functions.Worker.Hosting.LocalSettings.AddTo(config);
            })
            .ConfigureServices((context, services) =>
            {
                var app = services.AddFunctionsWorkerDefaults(configureOptions);
                configure(context, app);
            });
    }
}
