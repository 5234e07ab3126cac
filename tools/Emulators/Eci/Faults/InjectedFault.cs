namespace ImageCacheFunctions.Emulators.Eci.Faults;

/// <summary>
/// A one-shot fault: the next matching call answers with this error. <see cref="AfterProcessing"/>
/// means the operation is carried out first and only its answer is replaced (a lost response).
/// </summary>
/// <param name="StatusCode">HTTP status to answer with.</param>
/// <param name="Code">Error code.</param>
/// <param name="Message">Error message.</param>
/// <param name="Action">Only calls of this action; any action when null.</param>
/// <param name="AfterProcessing">Carry the operation out, then fail the answer.</param>
public sealed record InjectedFault(int StatusCode, string Code, string Message, string? Action = null, bool AfterProcessing = false)
{
    /// <summary>A throttling answer (400 Throttling.User).</summary>
    /// <param name="action">Only for this action; any when null.</param>
    /// <returns>The fault.</returns>
    public static InjectedFault Throttling(string? action = null) =>
        new(400, "Throttling.User", "Request was denied due to user flow control.", action);

    /// <summary>A 503 ServiceUnavailable answer.</summary>
    /// <param name="action">Only for this action; any when null.</param>
    /// <param name="afterProcessing">Whether the operation is carried out before the answer is lost.</param>
    /// <returns>The fault.</returns>
    public static InjectedFault Unavailable(string? action = null, bool afterProcessing = false) =>
        new(503, "ServiceUnavailable", "The request has failed due to a temporary failure of the server.", action, afterProcessing);
}
