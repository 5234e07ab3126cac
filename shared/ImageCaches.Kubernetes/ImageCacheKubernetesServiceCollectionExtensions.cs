using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ImageCacheFunctions.ImageCaches.Kubernetes;

/// <summary>Registers Kubernetes access for the functions.</summary>
public static class ImageCacheKubernetesServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="KubernetesOptions"/> from the <c>Kubernetes</c> section (validated at
    /// start-up), and registers <see cref="KubernetesConnection"/> (its client makes every call with the configured
    /// timeout), <see cref="ImageCacheStore"/>, <see cref="ImagePullSecretResolver"/> and
    /// <see cref="ImageCacheEventRecorder"/> and <see cref="ImageCacheEventTally"/> as singletons.
    /// </summary>
    public static IServiceCollection AddImageCacheKubernetes(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<KubernetesOptions>()
            .Bind(configuration.GetSection(KubernetesOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KubernetesOptions>, KubernetesOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<KubernetesClientConfigurationResolver>();
        services.TryAddSingleton<KubernetesConnection>();

        // Only these lambdas name IKubernetes, so KubernetesClient.dll loads at the first call, not at start-up.
        services.TryAddSingleton(provider => ActivatorUtilities.CreateInstance<ImageCacheStore>(provider, Client(provider)));
        services.TryAddSingleton(provider => ActivatorUtilities.CreateInstance<ImagePullSecretResolver>(provider, Client(provider)));
        services.TryAddSingleton(provider => ActivatorUtilities.CreateInstance<ImageCacheEventRecorder>(provider, Client(provider)));
        services.TryAddSingleton<ImageCacheEventTally>();
        return services;
    }

    private static object Client(IServiceProvider provider) => provider.GetRequiredService<KubernetesConnection>().Client;
}
