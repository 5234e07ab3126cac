namespace ImageCacheFunctions.Eci.Signing;

/// <summary>How requests are signed.</summary>
public enum EciSignatureMethod
{
    /// <summary>Signature method V3, <c>ACS3-HMAC-SHA256</c> in the Authorization header (the default).</summary>
    AcsV3HmacSha256 = 0,

    /// <summary>Legacy RPC signature V2: <c>HMAC-SHA1</c>, <c>SignatureVersion=1.0</c>, sent as the <c>Signature</c> parameter.</summary>
    RpcV2HmacSha1 = 1,
}
