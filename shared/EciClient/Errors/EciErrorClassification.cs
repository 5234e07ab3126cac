namespace ImageCacheFunctions.Eci.Errors;

/// <summary>Sorts ECI error codes into what the caller should do about them.</summary>
public static class EciErrorClassification
{
    private static readonly HashSet<string> CredentialCodes = new(StringComparer.Ordinal)
    {
        EciErrorCodes.SignatureDoesNotMatch,
        EciErrorCodes.InvalidAccessKeyIdNotFound,
        "InvalidAccessKeyId.Inactive",
        EciErrorCodes.InvalidTimeStampExpired,
        "InvalidTimeStamp.Format",
        EciErrorCodes.SignatureNonceUsed,
        "IncompleteSignature",
        "MissingSecurityToken",
    };

    /// <summary>The meaning of an error, most specific first: credentials, then the request's own fault, then transient.</summary>
    /// <param name="statusCode">HTTP status, or null when no response arrived.</param>
    /// <param name="code">The error code.</param>
    /// <returns>The kind.</returns>
    public static EciErrorKind Classify(int? statusCode, string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (IsCredentialError(code))
        {
            return EciErrorKind.Credentials;
        }

        if (IsNotFound(code))
        {
            return EciErrorKind.NotFound;
        }

        if (code.StartsWith("Incorrect", StringComparison.Ordinal) || code.Contains("IncorrectStatus", StringComparison.Ordinal))
        {
            return EciErrorKind.IncorrectStatus;
        }

        if (IsCallerError(code))
        {
            return EciErrorKind.InvalidRequest;
        }

        return IsRetryable(statusCode, code) ? EciErrorKind.Transient : EciErrorKind.Other;
    }

    /// <summary>Transient: throttling, service unavailable, any 5xx, timeouts and network failures.</summary>
    /// <param name="statusCode">HTTP status, or null when no response arrived.</param>
    /// <param name="code">The error code.</param>
    /// <returns>True when the same request may succeed later.</returns>
    public static bool IsRetryable(int? statusCode, string code) =>
        code.StartsWith(EciErrorCodes.Throttling, StringComparison.Ordinal)
        || code == EciErrorCodes.ServiceUnavailable
        || code == EciErrorCodes.RequestTimeout
        || code == EciErrorCodes.NetworkError
        || statusCode is >= 500;

    /// <summary>The request itself is wrong (missing or invalid parameter, wrong status, unknown resource).</summary>
    /// <param name="code">The error code.</param>
    /// <returns>True for caller errors.</returns>
    public static bool IsCallerError(string code) =>
        !IsCredentialError(code)
        && (code.StartsWith(EciErrorCodes.MissingParameter, StringComparison.Ordinal)
            || code.StartsWith(EciErrorCodes.InvalidParameter, StringComparison.Ordinal)
            || code.StartsWith("Incorrect", StringComparison.Ordinal)
            || code.Contains("IncorrectStatus", StringComparison.Ordinal)
            || code == EciErrorCodes.IdempotentParameterMismatch
            || IsNotFound(code));

    /// <summary>The credentials or the signing are wrong: fix them, never retry as is.</summary>
    /// <param name="code">The error code.</param>
    /// <returns>True for credential and signature errors.</returns>
    public static bool IsCredentialError(string code) =>
        CredentialCodes.Contains(code) || code.StartsWith("InvalidSecurityToken", StringComparison.Ordinal);

    /// <summary>The addressed resource does not exist (e.g. an unknown ImageCacheId).</summary>
    /// <param name="code">The error code.</param>
    /// <returns>True for not-found codes other than an unknown AccessKey.</returns>
    public static bool IsNotFound(string code) =>
        code != EciErrorCodes.InvalidAccessKeyIdNotFound
        && (code.EndsWith(".NotFound", StringComparison.Ordinal) || code.EndsWith("NotFound", StringComparison.Ordinal));
}
