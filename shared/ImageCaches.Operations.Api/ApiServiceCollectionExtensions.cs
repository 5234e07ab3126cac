using ImageCacheFunctions.ImageCaches.Kubernetes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ImageCacheFunctions.ImageCaches.Operations.Api;

/// <summary>Registers what the imagecache-api function serves.</summary>
public static class ApiServiceCollectionExtensions
{
    /// <summary>
    /// Registers Kubernetes access (section <c>Kubernetes</c>; this function needs no ECI
    /// access), <see cref="ApiOptions"/> from the <c>Api</c> section (validated at start-up),
    /// <see cref="TimeProvider.System"/> unless a clock is registered, and the services:
    /// <see cref="CacheMatchService"/>, <see cref="CacheCatalog"/>, <see cref="ImageCacheWait"/>,
    /// <see cref="ImageCacheAdmission"/>, <see cref="PodAdmission"/> and <see cref="ReconcileTrigger"/>.
    /// </summary>
    public static IServiceCollection AddImageCacheApi(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.TryAddSingleton(TimeProvider.System);
        services.AddImageCacheKubernetes(configuration);
        services.TryAddSingleton(configuration);
        services.AddOptions<ApiOptions>()
            .Bind(configuration.GetSection(ApiOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ApiOptions>, ApiOptionsValidator>());

        // The per-call timeout is ApiOptions.ReconcileTimeout (a linked token), so one setting rules.
        services.AddHttpClient(ReconcileTrigger.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan);
        services.TryAddSingleton<ReconcileTrigger>();
        services.TryAddSingleton<CacheMatchService>();
        services.TryAddSingleton<CacheCatalog>();
        services.TryAddSingleton<ImageCacheWait>();
        services.TryAddSingleton<ImageCacheAdmission>();
        services.TryAddSingleton<PodAdmission>();
        return services;
    }
}
