namespace ImageCacheFunctions.Eci.Credentials;

/// <summary>Supplies the credential each request is signed with.</summary>
public interface ICredentialProvider
{
    /// <summary>Returns a credential that is valid now (refreshing a temporary one when needed).</summary>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The credential.</returns>
    ValueTask<AlibabaCloudCredential> GetCredentialAsync(CancellationToken cancellationToken);
}
