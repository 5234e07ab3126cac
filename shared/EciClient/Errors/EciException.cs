using System.Globalization;

namespace ImageCacheFunctions.Eci.Errors;

/// <summary>
/// Every failure of an ECI (or STS) call: an error answer from the service, a timeout, a network
/// failure or an unreadable response. The message never contains request parameters or secrets.
/// </summary>
public sealed class EciException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="action">The API operation, e.g. CreateImageCache.</param>
    /// <param name="statusCode">HTTP status, or null when no response arrived.</param>
    /// <param name="code">The error code (the service's, or one of the client-side codes in <see cref="EciErrorCodes"/>).</param>
    /// <param name="serverMessage">The service's message (sanitised).</param>
    /// <param name="requestId">The RequestId of the failed call, if any.</param>
    /// <param name="hostId">The HostId of the error body, if any.</param>
    /// <param name="recommend">The Recommend link of the error body, if any.</param>
    /// <param name="innerException">The underlying exception for client-side failures.</param>
    public EciException(
        string action,
        int? statusCode,
        string code,
        string serverMessage,
        string? requestId = null,
        string? hostId = null,
        string? recommend = null,
        Exception? innerException = null)
        : base(Format(action, statusCode, code, Sanitize(serverMessage), requestId), innerException)
    {
        Action = action;
        StatusCode = statusCode;
        Code = code;
        ServerMessage = Sanitize(serverMessage);
        RequestId = requestId;
        HostId = hostId;
        Recommend = recommend;
    }

    /// <summary>The API operation that failed.</summary>
    public string Action { get; }

    /// <summary>HTTP status, or null when no response arrived.</summary>
    public int? StatusCode { get; }

    /// <summary>The error code.</summary>
    public string Code { get; }

    /// <summary>The service's message, sanitised.</summary>
    public string ServerMessage { get; }

    /// <summary>The RequestId to quote to Alibaba Cloud support.</summary>
    public string? RequestId { get; }

    /// <summary>The HostId of the error body.</summary>
    public string? HostId { get; }

    /// <summary>The troubleshooting link of the error body.</summary>
    public string? Recommend { get; }

    /// <summary>What the failure means, classified once here; callers switch on it, never on <see cref="Code"/>'s spelling.</summary>
    public EciErrorKind Kind => EciErrorClassification.Classify(StatusCode, Code);

    /// <summary>Transient; retrying the same request later may succeed.</summary>
    public bool IsRetryable => Kind == EciErrorKind.Transient;

    /// <summary>The request was wrong (parameters, status, unknown resource).</summary>
    public bool IsCallerError => Kind is EciErrorKind.InvalidRequest or EciErrorKind.IncorrectStatus or EciErrorKind.NotFound;

    /// <summary>The credentials or signature were rejected.</summary>
    public bool IsCredentialError => Kind == EciErrorKind.Credentials;

    /// <summary>The addressed resource does not exist.</summary>
    public bool IsNotFound => Kind == EciErrorKind.NotFound;

    private static string Format(string action, int? statusCode, string code, string message, string? requestId) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"ECI {action} failed: {code}: {message} (HTTP {(statusCode?.ToString(CultureInfo.InvariantCulture) ?? "none")}, RequestId {requestId ?? "none"})");

    // Gateways echo their string to sign in SignatureDoesNotMatch messages; it carries every request
    // parameter (a registry password, for one), so nothing after that marker is kept.
    private static string Sanitize(string message)
    {
        if (string.IsNullOrEmpty(message))
        {
            return string.Empty;
        }

        foreach (string marker in new[] { "server string to sign", "stringtosign", "string to sign" })
        {
            int at = message.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
            if (at >= 0)
            {
                message = message[..at].TrimEnd(' ', ':', ',') + " [string to sign omitted]";
            }
        }

        return message.Length > 500 ? message[..500] + "…" : message;
    }
}
