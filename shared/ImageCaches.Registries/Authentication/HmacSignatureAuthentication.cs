using System.Security.Cryptography;

namespace ImageCacheFunctions.ImageCaches.Registries;

/// <summary>
/// HMAC-SHA256 of the raw body with the shared secret, hex in a header: GitHub's
/// <c>X-Hub-Signature-256: sha256=&lt;hex&gt;</c>, JFrog's <c>X-JFrog-Event-Auth: &lt;hex&gt;</c>.
/// </summary>
public sealed class HmacSignatureAuthentication(string header, string prefix, Secret secret) : SourceAuthentication
{
    public override string Scheme => "hmac-sha256";

    public string Header { get; } = header;

    public string Prefix { get; } = prefix;

    public override bool IsAuthentic(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var presented = request.Header(Header)?.Trim();
        if (presented is null || !presented.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var hex = presented.AsSpan(Prefix.Length);
        Span<byte> signature = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (hex.Length != signature.Length * 2
            || Convert.FromHexString(hex, signature, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != signature.Length)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(secret.Value, request.Body.Span, expected);
        return CryptographicOperations.FixedTimeEquals(expected, signature);
    }
}
