namespace ImageCacheFunctions.Eci.Credentials;

/// <summary>An explicit credential given in code or options.</summary>
public sealed class StaticCredentialProvider : ICredentialSource
{
    private readonly AlibabaCloudCredential _credential;

    /// <summary>Creates the provider.</summary>
    /// <param name="credential">The credential to hand out.</param>
    public StaticCredentialProvider(AlibabaCloudCredential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentException.ThrowIfNullOrWhiteSpace(credential.AccessKeyId);
        ArgumentException.ThrowIfNullOrWhiteSpace(credential.AccessKeySecret);
        _credential = credential;
    }

    /// <inheritdoc />
    public string Name => "explicit credential";

    /// <inheritdoc />
    public bool IsConfigured => true;

    /// <inheritdoc />
    public ValueTask<AlibabaCloudCredential> GetCredentialAsync(CancellationToken cancellationToken) => ValueTask.FromResult(_credential);
}
