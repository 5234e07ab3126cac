namespace ImageCacheFunctions.Eci.Errors;

/// <summary>Error codes the client tells apart (the <c>Code</c> field of an ECI error body).</summary>
public static class EciErrorCodes
{
    /// <summary>Flow control (retry later).</summary>
    public const string Throttling = "Throttling";

    /// <summary>Flow control of this account (retry later).</summary>
    public const string ThrottlingUser = "Throttling.User";

    /// <summary>Service temporarily unavailable (retry later).</summary>
    public const string ServiceUnavailable = "ServiceUnavailable";

    /// <summary>The signature does not match the server's calculation.</summary>
    public const string SignatureDoesNotMatch = "SignatureDoesNotMatch";

    /// <summary>The AccessKey ID is unknown.</summary>
    public const string InvalidAccessKeyIdNotFound = "InvalidAccessKeyId.NotFound";

    /// <summary>The request timestamp is outside the accepted window.</summary>
    public const string InvalidTimeStampExpired = "InvalidTimeStamp.Expired";

    /// <summary>The signature nonce was already used.</summary>
    public const string SignatureNonceUsed = "SignatureNonceUsed";

    /// <summary>A required parameter is missing.</summary>
    public const string MissingParameter = "MissingParameter";

    /// <summary>A parameter value is not valid.</summary>
    public const string InvalidParameter = "InvalidParameter";

    /// <summary>The image cache is in a status that does not allow the operation (e.g. update while Creating).</summary>
    public const string IncorrectImageCacheStatus = "IncorrectImageCacheStatus";

    /// <summary>No image cache has the given ID.</summary>
    public const string ImageCacheNotFound = "InvalidImageCacheId.NotFound";

    /// <summary>The same ClientToken was used with different parameters.</summary>
    public const string IdempotentParameterMismatch = "IdempotentParameterMismatch";

    /// <summary>Client-side: the call did not complete within its timeout.</summary>
    public const string RequestTimeout = "RequestTimeout";

    /// <summary>Client-side: the connection failed before a response arrived.</summary>
    public const string NetworkError = "NetworkError";

    /// <summary>Client-side: the response could not be read as the documented JSON.</summary>
    public const string MalformedResponse = "MalformedResponse";
}
