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
