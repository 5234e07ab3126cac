using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ImageCacheFunctions.ImageCaches.Operations.Prune;

/// <summary>Registers prune-expired's operation.</summary>
public static class PruneServiceCollectionExtensions
{
    /// <summary>
    /// Registers the common operations (<see cref="OperationsServiceCollectionExtensions.AddImageCacheOperations"/>:
    /// ECI client, Kubernetes, clock, reconcile), <see cref="PruneOptions"/> from the <c>Prune</c>
    /// section (validated at start-up) and <see cref="ImageCachePruner"/>.
    /// </summary>
    public static IServiceCollection AddImageCachePruning(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddImageCacheOperations(configuration);
        services.AddOptions<PruneOptions>()
            .Bind(configuration.GetSection(PruneOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PruneOptions>, PruneOptionsValidator>());

        services.TryAddTransient<PruneConfirmer>();
        services.TryAddTransient<ImageCachePruner>();
        return services;
    }
}
