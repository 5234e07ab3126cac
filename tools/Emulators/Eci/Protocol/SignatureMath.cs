using System.Security.Cryptography;
using System.Text;

namespace ImageCacheFunctions.Emulators.Eci.Protocol;

/// <summary>
/// The emulator's own implementation of both Alibaba Cloud signatures (deliberately independent of
/// the client's, so a symmetric mistake in one cannot hide in the tests).
/// </summary>
internal static class SignatureMath
{
    public static string Encode(string text)
    {
        var builder = new StringBuilder();
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            char c = (char)b;
            bool unreserved = char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~';
            builder.Append(unreserved ? c.ToString() : "%" + b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    public static string Canonical(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join('&', parameters
            .Select(p => (Name: Encode(p.Key), Value: Encode(p.Value)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Name + "=" + p.Value));

    public static string V2Signature(string method, IEnumerable<KeyValuePair<string, string>> parameters, string secret)
    {
        string stringToSign = method + "&" + Encode("/") + "&" + Encode(Canonical(parameters.Where(p => p.Key != "Signature")));
        using var hmac = new HMACSHA1(Encoding.UTF8.GetBytes(secret + "&"));
        return Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(stringToSign)));
    }

    public static string V3Signature(
        string method,
        string path,
        IEnumerable<KeyValuePair<string, string>> query,
        IReadOnlyList<(string Name, string Value)> signedHeaders,
        string payloadHash,
        string secret)
    {
        var canonical = new StringBuilder()
            .Append(method).Append('\n')
            .Append(string.Join('/', path.Split('/').Select(Encode))).Append('\n')
            .Append(Canonical(query)).Append('\n');
        foreach (var (name, value) in signedHeaders)
        {
            canonical.Append(name).Append(':').Append(value.Trim()).Append('\n');
        }

        canonical.Append('\n').Append(string.Join(';', signedHeaders.Select(h => h.Name))).Append('\n').Append(payloadHash);
        string stringToSign = "ACS3-HMAC-SHA256\n" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString()))).ToLowerInvariant();
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        return Convert.ToHexString(hmac.ComputeHash(Encoding.UTF8.GetBytes(stringToSign))).ToLowerInvariant();
    }

    public static bool SameText(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
