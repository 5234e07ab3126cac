namespace ImageCacheFunctions.Eci.Credentials;

/// <summary>
/// Asks each source in order and uses the first that is configured. The default order:
/// explicit credential → environment variables → OpenFaaS secret files → RRSA (OIDC role).
/// </summary>
public sealed class CredentialChain : ICredentialProvider
{
    /// <summary>Creates a chain of the given sources.</summary>
    /// <param name="sources">The sources, in priority order.</param>
    public CredentialChain(IReadOnlyList<ICredentialSource> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        Sources = sources;
    }

    /// <summary>The sources, in priority order.</summary>
    public IReadOnlyList<ICredentialSource> Sources { get; }

    /// <summary>Builds the default chain.</summary>
    /// <param name="options">Chain settings.</param>
    /// <param name="stsHttpClient">HttpClient for STS (RRSA); a private one when null.</param>
    /// <param name="timeProvider">Clock for expiry decisions; the system clock when null.</param>
    /// <returns>The chain.</returns>
    public static CredentialChain CreateDefault(CredentialChainOptions options, HttpClient? stsHttpClient = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var environment = options.Environment ?? System.Environment.GetEnvironmentVariable;
        var sources = new List<ICredentialSource>(4);
        if (!string.IsNullOrWhiteSpace(options.AccessKeyId) && !string.IsNullOrWhiteSpace(options.AccessKeySecret))
        {
            sources.Add(new StaticCredentialProvider(new AlibabaCloudCredential(
                options.AccessKeyId, options.AccessKeySecret, string.IsNullOrWhiteSpace(options.SecurityToken) ? null : options.SecurityToken)));
        }

        sources.Add(new EnvironmentCredentialProvider(environment));
        sources.Add(new SecretFilesCredentialProvider(options.SecretsDirectory ?? SecretFilesCredentialProvider.DefaultDirectory(environment)));
        sources.Add(OidcRoleCredentialProvider.FromEnvironment(options, stsHttpClient, timeProvider));
        return new CredentialChain(sources);
    }

    /// <summary>The first configured source, or null.</summary>
    /// <returns>The source that would be used now.</returns>
    public ICredentialSource? ActiveSource() => Sources.FirstOrDefault(s => s.IsConfigured);

    /// <inheritdoc />
    public ValueTask<AlibabaCloudCredential> GetCredentialAsync(CancellationToken cancellationToken)
    {
        var source = ActiveSource() ?? throw new InvalidOperationException(
            "No Alibaba Cloud credentials found. Tried, in order: " + string.Join("; ", Sources.Select(s => s.Name))
            + ". Set one of them (see shared/EciClient/README.md).");
        return source.GetCredentialAsync(cancellationToken);
    }
}
