using System.Globalization;
using System.Text;
using ImageCacheFunctions.Eci.Credentials;
using ImageCacheFunctions.Eci.Signing;

namespace ImageCacheFunctions.Eci.Wire;

/// <summary>Builds one signed RPC request (POST, parameters in the query string, empty body).</summary>
public static class RpcRequestFactory
{
    /// <summary>Formats a timestamp the way both signature methods want it (<c>yyyy-MM-ddTHH:mm:ssZ</c>, UTC).</summary>
    /// <param name="time">The time.</param>
    /// <returns>The formatted time.</returns>
    public static string FormatTimestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Creates a signed request. Call it once per attempt: every attempt needs its own nonce and timestamp.</summary>
    /// <param name="endpoint">Base URL of the service.</param>
    /// <param name="method">Signature method.</param>
    /// <param name="action">API operation.</param>
    /// <param name="version">API version.</param>
    /// <param name="parameters">Operation parameters.</param>
    /// <param name="credential">The credential to sign with.</param>
    /// <param name="now">The signing time.</param>
    /// <param name="nonce">A value never used before.</param>
    /// <returns>The request, ready to send.</returns>
    public static HttpRequestMessage Create(
        Uri endpoint,
        EciSignatureMethod method,
        string action,
        string version,
        IEnumerable<KeyValuePair<string, string>> parameters,
        AlibabaCloudCredential credential,
        DateTimeOffset now,
        string nonce)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(credential);
        string timestamp = FormatTimestamp(now);
        var all = parameters.ToList();
        HttpRequestMessage request;
        if (method == EciSignatureMethod.RpcV2HmacSha1)
        {
            all.Add(new("Action", action));
            all.Add(new("Version", version));
            all.Add(new("Format", "JSON"));
            all.Add(new("AccessKeyId", credential.AccessKeyId));
            all.Add(new("SignatureMethod", RpcV2Signer.SignatureMethod));
            all.Add(new("SignatureVersion", RpcV2Signer.SignatureVersion));
            all.Add(new("SignatureNonce", nonce));
            all.Add(new("Timestamp", timestamp));
            if (!string.IsNullOrEmpty(credential.SecurityToken))
            {
                all.Add(new("SecurityToken", credential.SecurityToken));
            }

            string signature = RpcV2Signer.Sign("POST", all, credential.AccessKeySecret);
            all.Add(new("Signature", signature));
            request = new HttpRequestMessage(HttpMethod.Post, WithQuery(endpoint, CanonicalQuery.Build(all)));
        }
        else
        {
            string query = CanonicalQuery.Build(all);
            var signed = AcsV3Signer.Sign(
                new AcsV3SigningInput("POST", endpoint.Authority, "/", all, action, version, timestamp, nonce, credential.SecurityToken, AcsV3Signer.EmptyPayloadHash),
                credential.AccessKeyId,
                credential.AccessKeySecret);
            request = new HttpRequestMessage(HttpMethod.Post, WithQuery(endpoint, query));
            foreach (var header in signed.Headers)
            {
                if (header.Key == "host")
                {
                    request.Headers.Host = header.Value;
                }
                else
                {
                    request.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
            }

            request.Headers.TryAddWithoutValidation("Authorization", signed.Authorization);
        }

        request.Headers.Accept.ParseAdd("application/json");
        return request;
    }

    private static Uri WithQuery(Uri endpoint, string query)
    {
        var builder = new StringBuilder(endpoint.GetLeftPart(UriPartial.Authority)).Append('/');
        if (query.Length > 0)
        {
            builder.Append('?').Append(query);
        }

        return new Uri(builder.ToString());
    }
}
