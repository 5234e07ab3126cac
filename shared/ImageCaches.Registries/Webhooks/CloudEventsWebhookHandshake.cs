using System.Globalization;

namespace ImageCacheFunctions.ImageCaches.Registries;

/// <summary>
/// The CloudEvents "HTTP 1.1 Web Hooks" abuse protection: an OPTIONS request with
/// <c>WebHook-Request-Origin</c> is granted (<c>WebHook-Allowed-Origin</c>,
/// <c>WebHook-Allowed-Rate</c>, <c>Allow: POST</c>) only for origins a source allows; otherwise
/// 403 without grant headers, which the sender reads as "no consent". Event Grid's origin is
/// <c>eventgrid.azure.net</c>.
/// </summary>
internal static class CloudEventsWebhookHandshake
{
    public const string RequestOriginHeader = "WebHook-Request-Origin";
    public const string RequestRateHeader = "WebHook-Request-Rate";
    public const string AllowedOriginHeader = "WebHook-Allowed-Origin";
    public const string AllowedRateHeader = "WebHook-Allowed-Rate";

    public static WebhookOutcome Answer(WebhookRequest request, IReadOnlyCollection<WebhookSource> sources)
    {
        var origin = request.Header(RequestOriginHeader)?.Trim();
        if (string.IsNullOrEmpty(origin))
        {
            return WebhookOutcome.Reject(
                400,
                $"OPTIONS is the CloudEvents webhook handshake and needs a {RequestOriginHeader} header",
                headers: new Dictionary<string, string> { ["Allow"] = "POST, OPTIONS" });
        }

        var source = sources.FirstOrDefault(s => s.AllowsOrigin(origin));
        if (source is null)
        {
            return WebhookOutcome.Reject(403, $"origin '{Shorten(origin)}' is not an allowed webhook origin");
        }

        string rate = "*";
        if (source.AllowedRate is { } allowed)
        {
            var requested = int.TryParse(request.Header(RequestRateHeader), NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r > 0
                ? r
                : allowed;
            rate = Math.Min(requested, allowed).ToString(CultureInfo.InvariantCulture);
        }

        return new WebhookOutcome
        {
            Kind = WebhookOutcomeKind.Handshake,
            StatusCode = 200,
            Message = $"webhook origin '{origin}' granted",
            SourceName = source.Name,
            ResponseHeaders = new Dictionary<string, string>
            {
                [AllowedOriginHeader] = origin,
                [AllowedRateHeader] = rate,
                ["Allow"] = "POST",
            },
        };
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
