using ImageCacheFunctions.ImageCaches.Registries;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImageCacheFunctions.ImageCaches.Operations.Refresh;

/// <summary>Registers registry-webhook's operation.</summary>
public static class RefreshServiceCollectionExtensions
{
    /// <summary>
    /// Registers the common operations (<see cref="OperationsServiceCollectionExtensions.AddImageCacheOperations"/>:
    /// ECI client, Kubernetes, clock, reconcile), the registry sources and
    /// <see cref="WebhookRefreshOptions"/> from section <c>Webhook</c> (both validated at start-up,
    /// one message per problem), the <see cref="WebhookReceiver"/>,
    /// <see cref="ImageCacheRefresher"/> and <see cref="RegistryWebhookProcessor"/>.
    /// </summary>
    public static IServiceCollection AddImageCacheRefresh(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddImageCacheOperations(configuration);
        // The sources are read from now on, beside the host's start (WebhookSources.StartFirstRead).
        var firstRead = WebhookSources.StartFirstRead(configuration);
        services.TryAddSingleton(provider => new WebhookSources(configuration, provider.GetService<ILogger<WebhookSources>>(), firstRead));
        services.AddHostedService<WebhookSourcesReloader>();
        services.AddHealthChecks().AddCheck<WebhookSources>("webhook-sources");
        services.AddOptions<WebhookRefreshOptions>()
            .Bind(configuration.GetSection(WebhookRefreshOptions.SectionName), binder => binder.ErrorOnUnknownConfiguration = true)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebhookRefreshOptions>, WebhookRefreshOptionsValidator>());

        services.TryAddSingleton<AutoCreateRules>();
        services.TryAddSingleton<RepositoryIndexSnapshots>();
        services.TryAddSingleton<ReconcileFlights>();
        services.TryAddTransient<ImageCacheRefresher>();
        services.TryAddTransient<RegistryWebhookProcessor>();
        return services;
    }
}
