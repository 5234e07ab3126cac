using System.Security.Cryptography;
using System.Text;

namespace ImageCacheFunctions.Eci.Signing;

/// <summary>
/// Signature method V3 (<c>ACS3-HMAC-SHA256</c>), as in Alibaba Cloud's "Request syntax and
/// signature method V3": canonical request → SHA-256 → string to sign → HMAC-SHA256 with the secret.
/// </summary>
public static class AcsV3Signer
{
    /// <summary>The algorithm name that starts the Authorization header and the string to sign.</summary>
    public const string Algorithm = "ACS3-HMAC-SHA256";

    /// <summary>Hex SHA-256 of an empty body.</summary>
    public const string EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /// <summary>Signs a request.</summary>
    /// <param name="input">What to sign.</param>
    /// <param name="accessKeyId">The AccessKey ID (named in the Authorization header).</param>
    /// <param name="accessKeySecret">The AccessKey secret (the HMAC key; never returned).</param>
    /// <returns>The headers and the Authorization value to send.</returns>
    public static AcsV3Signature Sign(AcsV3SigningInput input, string accessKeyId, string accessKeySecret)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentException.ThrowIfNullOrEmpty(accessKeyId);
        ArgumentException.ThrowIfNullOrEmpty(accessKeySecret);

        var headers = new List<KeyValuePair<string, string>>(7)
        {
            new("host", input.Host.Trim()),
            new("x-acs-action", input.Action.Trim()),
            new("x-acs-content-sha256", input.HashedPayload.Trim()),
            new("x-acs-date", input.Date.Trim()),
        };
        if (!string.IsNullOrEmpty(input.SecurityToken))
        {
            headers.Add(new("x-acs-security-token", input.SecurityToken.Trim()));
        }

        headers.Add(new("x-acs-signature-nonce", input.Nonce.Trim()));
        headers.Add(new("x-acs-version", input.Version.Trim()));

        string signedHeaders = string.Join(';', headers.Select(h => h.Key));
        var canonical = new StringBuilder(256)
            .Append(input.Method.ToUpperInvariant()).Append('\n')
            .Append(CanonicalizeUri(input.CanonicalUri)).Append('\n')
            .Append(CanonicalQuery.Build(input.Query)).Append('\n');
        foreach (var header in headers)
        {
            canonical.Append(header.Key).Append(':').Append(header.Value).Append('\n');
        }

        canonical.Append('\n').Append(signedHeaders).Append('\n').Append(input.HashedPayload);
        string canonicalRequest = canonical.ToString();

        string stringToSign = Algorithm + "\n" + HexSha256(Encoding.UTF8.GetBytes(canonicalRequest));
        string signature = Convert.ToHexStringLower(
            HMACSHA256.HashData(Encoding.UTF8.GetBytes(accessKeySecret), Encoding.UTF8.GetBytes(stringToSign)));
        string authorization = $"{Algorithm} Credential={accessKeyId},SignedHeaders={signedHeaders},Signature={signature}";
        return new AcsV3Signature(headers, authorization, canonicalRequest, stringToSign, signature);
    }

    /// <summary>Lower-case hex SHA-256 of <paramref name="payload"/> (the <c>x-acs-content-sha256</c> value).</summary>
    /// <param name="payload">The request body bytes.</param>
    /// <returns>The hex digest.</returns>
    public static string HexSha256(ReadOnlySpan<byte> payload) => Convert.ToHexStringLower(SHA256.HashData(payload));

    /// <summary>Encodes each path segment per RFC 3986, keeping the slashes.</summary>
    /// <param name="path">The path, e.g. <c>/</c>.</param>
    /// <returns>The canonical URI.</returns>
    public static string CanonicalizeUri(string path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "/";
        }

        return string.Join('/', path.Split('/').Select(AcsPercentEncoder.Encode));
    }
}

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

/// <summary>The result of signing one request with signature method V3.</summary>
/// <param name="Headers">The headers to send (lower-case names, sorted), Authorization excluded.</param>
/// <param name="Authorization">The <c>Authorization</c> header value.</param>
/// <param name="CanonicalRequest">The canonical request that was hashed (for diagnostics and tests).</param>
/// <param name="StringToSign">The string that was signed.</param>
/// <param name="Signature">The lower-case hex signature.</param>
public sealed record AcsV3Signature(
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    string Authorization,
    string CanonicalRequest,
    string StringToSign,
    string Signature);
