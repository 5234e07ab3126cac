using System.Security.Cryptography;
using System.Text;

namespace ImageCacheFunctions.Eci.Signing;

/// <summary>
/// The legacy RPC signature (V2: <c>HMAC-SHA1</c>, <c>SignatureVersion=1.0</c>), as in Alibaba
/// Cloud's "Request syntax and signature method V2 for RPC APIs".
/// </summary>
public static class RpcV2Signer
{
    /// <summary>The <c>SignatureMethod</c> parameter value.</summary>
    public const string SignatureMethod = "HMAC-SHA1";

    /// <summary>The <c>SignatureVersion</c> parameter value.</summary>
    public const string SignatureVersion = "1.0";

    /// <summary>
    /// Builds the string to sign: <c>METHOD&amp;%2F&amp;</c> + percentEncode(canonical query of every
    /// parameter except <c>Signature</c>).
    /// </summary>
    /// <param name="method">HTTP method (<c>POST</c> for ECI).</param>
    /// <param name="parameters">All request parameters, common ones included.</param>
    /// <returns>The string to sign.</returns>
    public static string StringToSign(string method, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentNullException.ThrowIfNull(parameters);
        string canonical = CanonicalQuery.Build(parameters.Where(p => !string.Equals(p.Key, "Signature", StringComparison.Ordinal)));
        return method.ToUpperInvariant() + "&" + AcsPercentEncoder.Encode("/") + "&" + AcsPercentEncoder.Encode(canonical);
    }

    /// <summary>Computes the Base64 HMAC-SHA1 signature with the key <c>secret + "&amp;"</c>.</summary>
    /// <param name="method">HTTP method.</param>
    /// <param name="parameters">All request parameters, common ones included.</param>
    /// <param name="accessKeySecret">The AccessKey secret.</param>
    /// <returns>The signature, to be sent (percent-encoded) as the <c>Signature</c> parameter.</returns>
    public static string Sign(string method, IEnumerable<KeyValuePair<string, string>> parameters, string accessKeySecret)
    {
        ArgumentException.ThrowIfNullOrEmpty(accessKeySecret);
        string stringToSign = StringToSign(method, parameters);
        byte[] mac = HMACSHA1.HashData(Encoding.UTF8.GetBytes(accessKeySecret + "&"), Encoding.UTF8.GetBytes(stringToSign));
        return Convert.ToBase64String(mac);
    }
}
