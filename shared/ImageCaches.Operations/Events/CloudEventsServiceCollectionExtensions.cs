using ImageCacheFunctions.ImageCaches.Kubernetes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ImageCacheFunctions.ImageCaches.Operations.Events;

/// <summary>Registers the CloudEvents sink and the lifecycle events it carries.</summary>
public static class CloudEventsServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="CloudEventSinkOptions"/> from the <c>CloudEvents</c> section (SinkUrl falling back
    /// to <c>K_SINK</c>, Source to <c>/functions/$OPENFAAS_NAME</c>; validated at start-up), <see cref="CloudEventSink"/> (also a hosted
    /// service: its delivery loop) and <see cref="LifecycleCloudEvents"/> as an Event observer.
    /// </summary>
    public static IServiceCollection AddImageCacheCloudEvents(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(CloudEventSink)))
        {
            return services;
        }

        services.AddOptions<CloudEventSinkOptions>()
            .Bind(configuration.GetSection(CloudEventSinkOptions.SectionName))
            .PostConfigure(o =>
            {
                if (configuration.GetSection(CloudEventSinkOptions.SectionName)[nameof(CloudEventSinkOptions.Source)] is null
                    && configuration[CloudEventSinkOptions.FunctionNameVariable] is { Length: > 0 } function)
                {
                    o.Source = "/functions/" + function;
                }

                if (o.SinkUrl is null && Uri.TryCreate(configuration[CloudEventSinkOptions.KnativeSinkVariable], UriKind.Absolute, out var knative))
                {
                    o.SinkUrl = knative;
                }
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CloudEventSinkOptions>, CloudEventSinkOptionsValidator>());

        // Each attempt's timeout is CloudEventSinkOptions.Timeout (a linked token), so one setting rules.
        services.AddHttpClient(CloudEventSink.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<CloudEventSink>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<CloudEventSink>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IImageCacheEventObserver, LifecycleCloudEvents>());
        return services;
    }
}
