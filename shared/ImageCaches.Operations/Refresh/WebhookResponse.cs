namespace ImageCacheFunctions.ImageCaches.Operations.Refresh;

/// <summary>The HTTP answer to a webhook delivery: status, headers and a JSON body.</summary>
public sealed record WebhookResponse(int StatusCode, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public const string ContentType = "application/json; charset=utf-8";
}
