using ImageCacheFunctions.Eci;
using ImageCacheFunctions.Eci.Credentials;
using ImageCacheFunctions.ImageCaches.Kubernetes;
using ImageCacheFunctions.ImageCaches.Operations.Eci;
using ImageCacheFunctions.ImageCaches.Operations.Events;
using ImageCacheFunctions.ImageCaches.Operations.Sizing;
using ImageCacheFunctions.ImageCaches.Operations.Reconcile;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ImageCacheFunctions.ImageCaches.Operations;

/// <summary>Registers the operations the functions call, with everything they need.</summary>
public static class OperationsServiceCollectionExtensions
{
    /// <summary>
    /// Registers: the ECI client (section <c>Eci</c>: RegionId, Endpoint, AllowInsecureHttp, …;
    /// credentials from <c>Eci:Credentials</c>, the environment, OpenFaaS secret files or RRSA),
    /// <see cref="EciCacheOptions"/> (section <c>Eci</c>: VSwitchId, SecurityGroupId, …),
    /// Kubernetes access (section <c>Kubernetes</c>), <see cref="TimeProvider.System"/> unless a
    /// clock is registered, <see cref="ImageCacheReconciler"/> and the CloudEvents sink
/// (section <c>CloudEvents</c>, or <c>K_SINK</c>) with the lifecycle events. Every option set is validated
    /// at start-up, with one message per missing or wrong setting.
    /// </summary>
    public static IServiceCollection AddImageCacheOperations(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        var eciSection = configuration.GetSection(EciCacheOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);

        // The client binds the same section as EciCacheOptions; each ignores the other's keys.
        if (!services.Any(d => d.ServiceType == typeof(IEciClient)))
        {
            // Calls, not method groups: the build-time binder generates them (no reflection binder at start-up).
            services.AddEciClient(options => eciSection.Bind(options), credentials => eciSection.GetSection("Credentials").Bind(credentials));
        }

        services.AddOptions<EciCacheOptions>().Bind(eciSection).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EciCacheOptions>, EciCacheOptionsValidator>());
        services.AddImageCacheKubernetes(configuration);

        services.TryAddSingleton<EciCaches>();
        services.AddHttpClient(RegistryImageSizes.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan);
        services.TryAddSingleton(sp => new RegistryImageSizes(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(RegistryImageSizes.HttpClientName),
            sp.GetRequiredService<IOptions<EciCacheOptions>>().Value.Sizing.Timeout));
        services.TryAddSingleton<IReconcileStepHook>(NoReconcileStepHook.Instance);
        services.TryAddTransient<ObjectReconciliation>();
        services.TryAddTransient<ImageCacheReconciler>();
        services.AddImageCacheCloudEvents(configuration);
        return services;
    }
}
