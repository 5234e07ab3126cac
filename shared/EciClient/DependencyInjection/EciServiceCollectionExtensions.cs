using ImageCacheFunctions.Eci;
using ImageCacheFunctions.Eci.Credentials;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the ECI client with IHttpClientFactory.</summary>
public static class EciServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IEciClient"/> (a typed client over IHttpClientFactory), its options with
    /// start-up validation, the default credentials chain as <see cref="ICredentialProvider"/> (unless one
    /// is already registered) and a <see cref="TimeProvider"/> (the system clock unless one is registered).
    /// No HTTP-level retry handler is added on purpose: a retry must be signed anew, which the client does itself.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the client options (RegionId is required).</param>
    /// <param name="configureCredentials">Sets the credentials chain options.</param>
    /// <returns>The HttpClient builder, to add handlers (proxy, logging).</returns>
    public static IHttpClientBuilder AddEciClient(
        this IServiceCollection services,
        Action<EciClientOptions> configure,
        Action<CredentialChainOptions>? configureCredentials = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<EciClientOptions>().Configure(configure).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EciClientOptions>, EciClientOptionsValidator>();
        var credentialOptions = services.AddOptions<CredentialChainOptions>();
        if (configureCredentials is not null)
        {
            credentialOptions.Configure(configureCredentials);
        }

        services.TryAddSingletonTimeProvider();
        services.AddHttpClient(EciClient.HttpClientName + ".Sts", c => c.Timeout = Timeout.InfiniteTimeSpan);
        services.TryAddSingletonCredentialProvider();
        services.AddTransient<IEciClient>(sp => new EciClient(
            sp.GetRequiredService<IOptions<EciClientOptions>>().Value,
            sp.GetRequiredService<ICredentialProvider>(),
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(EciClient.HttpClientName),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<EciClient>>()));
        // The client logs and measures its own attempts (action, outcome, retries); the factory's
        // four Information lines per HTTP call would only repeat them.
        return services.AddHttpClient(EciClient.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan).RemoveAllLoggers();
    }

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }

    private static void TryAddSingletonCredentialProvider(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(ICredentialProvider)))
        {
            services.AddSingleton<ICredentialProvider>(sp => CredentialChain.CreateDefault(
                sp.GetRequiredService<IOptions<CredentialChainOptions>>().Value,
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(EciClient.HttpClientName + ".Sts"),
                sp.GetRequiredService<TimeProvider>()));
        }
    }
}
