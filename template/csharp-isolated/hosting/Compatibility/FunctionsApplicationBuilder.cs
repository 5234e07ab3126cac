using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenFaaS.Functions.Worker.Hosting;

namespace Microsoft.Azure.Functions.Worker.Builder;

/// <summary>
/// The builder <c>FunctionsApplication.CreateBuilder(args)</c> returns: a
/// <see cref="HostApplicationBuilder"/> with the OpenFaaS host registered, which is also the
/// <see cref="IFunctionsWorkerApplicationBuilder"/> for middleware.
/// </summary>
public class FunctionsApplicationBuilder : IHostApplicationBuilder, IFunctionsWorkerApplicationBuilder
{
    private readonly HostApplicationBuilder _builder;
    private readonly IFunctionsWorkerApplicationBuilder _functions;
    private bool _built;

    internal FunctionsApplicationBuilder(string[]? args)
    {
        StartupStages.Mark(StartupStages.Entry);
        var configuration = new ConfigurationManager();
        configuration.AddEnvironmentVariables("AZURE_FUNCTIONS_");
        OpenFaaS.Functions.Worker.Hosting.LocalSettings.AddTo(configuration);
        _builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { Args = args, Configuration = configuration });
        _functions = _builder.Services.AddFunctionsWorkerDefaults();
        StartupStages.Mark(StartupStages.Configured);
    }

    public IDictionary<object, object> Properties => ((IHostApplicationBuilder)_builder).Properties;

    IConfigurationManager IHostApplicationBuilder.Configuration => Configuration;

    public ConfigurationManager Configuration => _builder.Configuration;

    public IHostEnvironment Environment => _builder.Environment;

    public ILoggingBuilder Logging => _builder.Logging;

    public IMetricsBuilder Metrics => _builder.Metrics;

    public IServiceCollection Services => _builder.Services;

    public IHost Build()
    {
        if (_built)
        {
            throw new InvalidOperationException("The application has already been built.");
        }

        _built = true;
        StartupStages.Mark(StartupStages.ServicesRegistered);
        return _builder.Build();
    }

    public void ConfigureContainer<TContainerBuilder>(IServiceProviderFactory<TContainerBuilder> factory, Action<TContainerBuilder>? configure = null)
        where TContainerBuilder : notnull =>
        _builder.ConfigureContainer(factory, configure);

    public IFunctionsWorkerApplicationBuilder Use(Func<FunctionExecutionDelegate, FunctionExecutionDelegate> middleware)
    {
        if (_built)
        {
            throw new InvalidOperationException("The application has already been built.");
        }

        return _functions.Use(middleware);
    }
}
