namespace ImageCacheFunctions.Eci.Signing;

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
