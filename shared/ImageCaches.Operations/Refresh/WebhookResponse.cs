namespace ImageCacheFunctions.ImageCaches.Operations.Refresh;

/// <summary>
/// The HTTP answer to a webhook delivery: status, headers and the body the function writes with
/// <c>WriteAsJsonAsync</c> (a <see cref="WebhookSummary"/>, or a handshake's own JSON document).
/// </summary>
public sealed record WebhookResponse(int StatusCode, IReadOnlyDictionary<string, string> Headers, object Body);
