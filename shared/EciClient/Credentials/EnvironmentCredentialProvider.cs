namespace ImageCacheFunctions.Eci.Credentials;

/// <summary>
/// Reads <c>ALIBABA_CLOUD_ACCESS_KEY_ID</c>, <c>ALIBABA_CLOUD_ACCESS_KEY_SECRET</c> and optionally
/// <c>ALIBABA_CLOUD_SECURITY_TOKEN</c> on every call, so a rotated value is picked up.
/// </summary>
public sealed class EnvironmentCredentialProvider : ICredentialSource
{
    private readonly Func<string, string?> _environment;

    /// <summary>Creates the provider.</summary>
    /// <param name="environment">Reads a variable; the process environment when null.</param>
    public EnvironmentCredentialProvider(Func<string, string?>? environment = null)
    {
        _environment = environment ?? Environment.GetEnvironmentVariable;
    }

    /// <inheritdoc />
    public string Name => $"environment variables {CredentialEnvironment.AccessKeyId}/{CredentialEnvironment.AccessKeySecret}";

    /// <inheritdoc />
    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(_environment(CredentialEnvironment.AccessKeyId))
        && !string.IsNullOrWhiteSpace(_environment(CredentialEnvironment.AccessKeySecret));

    /// <inheritdoc />
    public ValueTask<AlibabaCloudCredential> GetCredentialAsync(CancellationToken cancellationToken)
    {
        string? id = _environment(CredentialEnvironment.AccessKeyId)?.Trim();
        string? secret = _environment(CredentialEnvironment.AccessKeySecret)?.Trim();
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(secret))
        {
            throw new InvalidOperationException(
                $"Environment variables {CredentialEnvironment.AccessKeyId} and {CredentialEnvironment.AccessKeySecret} must both be set.");
        }

        string? token = _environment(CredentialEnvironment.SecurityToken)?.Trim();
        return ValueTask.FromResult(new AlibabaCloudCredential(id, secret, string.IsNullOrEmpty(token) ? null : token));
    }
}
