namespace ImageCacheFunctions.Eci.Credentials;

/// <summary>
/// An AccessKey pair, optionally temporary (STS token and expiry). <see cref="ToString"/> never
/// shows the secret or the token.
/// </summary>
/// <param name="AccessKeyId">The AccessKey ID.</param>
/// <param name="AccessKeySecret">The AccessKey secret.</param>
/// <param name="SecurityToken">The STS security token for temporary credentials, else null.</param>
/// <param name="Expiration">When temporary credentials expire, else null.</param>
public sealed record AlibabaCloudCredential(
    string AccessKeyId,
    string AccessKeySecret,
    string? SecurityToken = null,
    DateTimeOffset? Expiration = null)
{
    /// <summary>Describes the credential without its secret parts.</summary>
    /// <returns>Text naming the key ID and whether a token is present.</returns>
    public override string ToString() =>
        $"AlibabaCloudCredential {{ AccessKeyId = {AccessKeyId}, AccessKeySecret = ***, SecurityToken = {(SecurityToken is null ? "none" : "***")}, Expiration = {Expiration?.ToString("O", System.Globalization.CultureInfo.InvariantCulture) ?? "none"} }}";
}
