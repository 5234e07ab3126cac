using System.Net;

namespace ImageCacheFunctions.Emulators.Eci.Protocol;

/// <summary>An ECI error answer: HTTP status, code and message (the body adds RequestId, HostId, Recommend).</summary>
/// <param name="Status">HTTP status.</param>
/// <param name="Code">Error code.</param>
/// <param name="Message">Error message.</param>
public sealed record EmulatorError(HttpStatusCode Status, string Code, string Message)
{
    /// <summary>A required parameter is missing or empty.</summary>
    /// <param name="name">Parameter name.</param>
    /// <returns>The error.</returns>
    public static EmulatorError Missing(string name) =>
        new(HttpStatusCode.BadRequest, "MissingParameter", $"The input parameter \"{name}\" that is mandatory for processing this request is not supplied.");

    /// <summary>A parameter value is not valid.</summary>
    /// <param name="name">Parameter name.</param>
    /// <param name="why">What is wrong.</param>
    /// <returns>The error.</returns>
    public static EmulatorError Invalid(string name, string why) =>
        new(HttpStatusCode.BadRequest, "InvalidParameter", $"The specified parameter \"{name}\" is not valid: {why}");

    /// <summary>The signature does not match.</summary>
    public static EmulatorError SignatureDoesNotMatch { get; } =
        new(HttpStatusCode.BadRequest, "SignatureDoesNotMatch", "Specified signature is not matched with our calculation.");

    /// <summary>The AccessKey ID is unknown.</summary>
    public static EmulatorError AccessKeyNotFound { get; } =
        new(HttpStatusCode.NotFound, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");

    /// <summary>The timestamp is outside the window.</summary>
    public static EmulatorError TimestampExpired { get; } =
        new(HttpStatusCode.BadRequest, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.");

    /// <summary>The timestamp cannot be parsed.</summary>
    public static EmulatorError TimestampFormat { get; } =
        new(HttpStatusCode.BadRequest, "InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted.");

    /// <summary>The nonce was used before.</summary>
    public static EmulatorError NonceUsed { get; } =
        new(HttpStatusCode.BadRequest, "SignatureNonceUsed", "Specified signature nonce was used already.");

    /// <summary>No usable signature at all.</summary>
    public static EmulatorError IncompleteSignature { get; } =
        new(HttpStatusCode.BadRequest, "IncompleteSignature", "The request signature does not conform to Aliyun standards.");

    /// <summary>A temporary key without its token.</summary>
    public static EmulatorError MissingSecurityToken { get; } =
        new(HttpStatusCode.BadRequest, "MissingSecurityToken", "SecurityToken is mandatory for this request.");

    /// <summary>The token does not belong to the key.</summary>
    public static EmulatorError SecurityTokenMismatch { get; } =
        new(HttpStatusCode.BadRequest, "InvalidSecurityToken.MismatchWithAccessKey", "Specified SecurityToken mismatch with the AccessKey.");

    /// <summary>The temporary credentials have expired.</summary>
    public static EmulatorError SecurityTokenExpired { get; } =
        new(HttpStatusCode.BadRequest, "InvalidSecurityToken.Expired", "Specified SecurityToken is expired.");

    /// <summary>Flow control.</summary>
    public static EmulatorError Throttled { get; } =
        new(HttpStatusCode.BadRequest, "Throttling.User", "Request was denied due to user flow control.");

    /// <summary>Service unavailable.</summary>
    public static EmulatorError Unavailable { get; } =
        new(HttpStatusCode.ServiceUnavailable, "ServiceUnavailable", "The request has failed due to a temporary failure of the server.");

    /// <summary>Unknown operation.</summary>
    /// <param name="action">The action asked for.</param>
    /// <returns>The error.</returns>
    public static EmulatorError UnknownAction(string action) =>
        new(HttpStatusCode.NotFound, "InvalidAction.NotFound", $"Specified api \"{action}\" is not found, please check your url and method.");

    /// <summary>Unknown image cache.</summary>
    /// <param name="id">The ID asked for.</param>
    /// <returns>The error.</returns>
    public static EmulatorError CacheNotFound(string id) =>
        new(HttpStatusCode.NotFound, "InvalidImageCacheId.NotFound", $"The specified image cache \"{id}\" does not exist.");

    /// <summary>The cache's status does not allow the operation.</summary>
    /// <param name="id">Cache ID.</param>
    /// <param name="status">Its status.</param>
    /// <returns>The error.</returns>
    public static EmulatorError IncorrectStatus(string id, string status) =>
        new(HttpStatusCode.Forbidden, "IncorrectImageCacheStatus", $"The current status \"{status}\" of image cache \"{id}\" does not support this operation; only Ready or UpdateFailed caches can be updated.");

    /// <summary>Same ClientToken, different parameters.</summary>
    public static EmulatorError TokenMismatch { get; } =
        new(HttpStatusCode.BadRequest, "IdempotentParameterMismatch", "The request uses the same client token as a previous, but non-identical request.");
}
