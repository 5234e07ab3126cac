namespace ImageCacheFunctions.Eci.Signing;

/// <summary>Everything signature method V3 signs for one request.</summary>
/// <param name="Method">HTTP method, upper case (ECI uses <c>POST</c>).</param>
/// <param name="Host">The <c>host</c> header value, with the port when it is not the scheme's default.</param>
/// <param name="CanonicalUri">The path; <c>/</c> for RPC-style APIs.</param>
/// <param name="Query">The query parameters (unencoded).</param>
/// <param name="Action">The API operation (<c>x-acs-action</c>).</param>
/// <param name="Version">The API version (<c>x-acs-version</c>).</param>
/// <param name="Date">UTC timestamp, <c>yyyy-MM-ddTHH:mm:ssZ</c> (<c>x-acs-date</c>).</param>
/// <param name="Nonce">Unique per request (<c>x-acs-signature-nonce</c>).</param>
/// <param name="SecurityToken">The STS token, or null for a permanent AccessKey.</param>
/// <param name="HashedPayload">Lower-case hex SHA-256 of the body (<c>x-acs-content-sha256</c>).</param>
public sealed record AcsV3SigningInput(
    string Method,
    string Host,
    string CanonicalUri,
    IReadOnlyList<KeyValuePair<string, string>> Query,
    string Action,
    string Version,
    string Date,
    string Nonce,
    string? SecurityToken,
    string HashedPayload);
