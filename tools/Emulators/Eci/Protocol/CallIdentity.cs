namespace ImageCacheFunctions.Emulators.Eci.Protocol;

/// <summary>Who asked for what, as far as the request says (filled in even for rejected requests).</summary>
/// <param name="Action">The operation.</param>
/// <param name="Version">The API version.</param>
/// <param name="SignatureMethod"><c>ACS3-HMAC-SHA256</c>, <c>HMAC-SHA1</c> or <c>none</c>.</param>
/// <param name="AccessKeyId">The key named in the request.</param>
/// <param name="Nonce">The signature nonce.</param>
/// <param name="Timestamp">The request timestamp as sent.</param>
/// <param name="SecurityTokenPresent">Whether an STS token came with the request.</param>
public sealed record CallIdentity(
    string Action,
    string? Version,
    string SignatureMethod,
    string? AccessKeyId,
    string? Nonce,
    string? Timestamp,
    bool SecurityTokenPresent);
