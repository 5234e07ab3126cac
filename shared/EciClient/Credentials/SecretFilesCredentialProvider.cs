namespace ImageCacheFunctions.Eci.Credentials;

/// <summary>
/// Reads OpenFaaS secret files: <c>alibaba-cloud-access-key-id</c>, <c>alibaba-cloud-access-key-secret</c>
/// and optionally <c>alibaba-cloud-security-token</c> from <c>/var/openfaas/secrets</c> (or the directory
/// named by <c>OPENFAAS_SECRETS_DIR</c>). Files are read on every call so a rotated secret is picked up.
/// </summary>
public sealed class SecretFilesCredentialProvider : ICredentialSource
{
    /// <summary>Creates the provider.</summary>
    /// <param name="directory">The secrets directory.</param>
    public SecretFilesCredentialProvider(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = directory;
    }

    /// <summary>The directory the files are read from.</summary>
    public string Directory { get; }

    /// <inheritdoc />
    public string Name => $"OpenFaaS secret files in {Directory}";

    /// <inheritdoc />
    public bool IsConfigured =>
        File.Exists(Path.Combine(Directory, CredentialEnvironment.AccessKeyIdFile))
        && File.Exists(Path.Combine(Directory, CredentialEnvironment.AccessKeySecretFile));

    /// <summary>The directory from <c>OPENFAAS_SECRETS_DIR</c>, else <c>/var/openfaas/secrets</c>.</summary>
    /// <param name="environment">Reads a variable; the process environment when null.</param>
    /// <returns>The directory path.</returns>
    public static string DefaultDirectory(Func<string, string?>? environment = null)
    {
        string? configured = (environment ?? Environment.GetEnvironmentVariable)(CredentialEnvironment.OpenFaasSecretsDirectory);
        return string.IsNullOrWhiteSpace(configured) ? CredentialEnvironment.DefaultOpenFaasSecretsDirectory : configured;
    }

    /// <inheritdoc />
    public async ValueTask<AlibabaCloudCredential> GetCredentialAsync(CancellationToken cancellationToken)
    {
        string? id = await ReadAsync(CredentialEnvironment.AccessKeyIdFile, cancellationToken).ConfigureAwait(false);
        string? secret = await ReadAsync(CredentialEnvironment.AccessKeySecretFile, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(secret))
        {
            throw new InvalidOperationException(
                $"Secret files {CredentialEnvironment.AccessKeyIdFile} and {CredentialEnvironment.AccessKeySecretFile} in {Directory} must both exist and be non-empty.");
        }

        string? token = await ReadAsync(CredentialEnvironment.SecurityTokenFile, cancellationToken).ConfigureAwait(false);
        return new AlibabaCloudCredential(id, secret, string.IsNullOrEmpty(token) ? null : token);
    }

    private async Task<string?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        string path = Path.Combine(Directory, name);
        if (!File.Exists(path))
        {
            return null;
        }

        // Secrets are often written with a trailing newline (echo, kubectl create secret --from-file).
        return (await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false)).Trim();
    }
}
