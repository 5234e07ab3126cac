using System.Text;

namespace ImageCacheFunctions.ImageCaches.Registries;

/// <summary>
/// A secret in the webhook URL's query (<c>?token=…</c>), for senders that cannot sign or add
/// headers: Docker Hub, Quay, Alibaba ACR, Event Grid, Pub/Sub push.
/// </summary>
public sealed class UrlTokenAuthentication(string parameter, Secret token) : SourceAuthentication
{
    public override string Scheme => "url-token";

    public string Parameter { get; } = parameter;

    public override bool IsAuthentic(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var presented = request.QueryValue(Parameter);
        return presented is not null && token.Matches(Encoding.UTF8.GetBytes(presented));
    }
}
