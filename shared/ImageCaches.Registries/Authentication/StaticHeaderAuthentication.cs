using System.Text;

namespace ImageCacheFunctions.ImageCaches.Registries;

/// <summary>
/// A header whose value the sender is configured to send verbatim: Harbor's
/// <c>Authorization</c>, distribution's configured headers, Azure ACR custom headers, an
/// EventBridge API destination's API-key header, JFrog's plain <c>X-JFrog-Event-Auth</c> token.
/// </summary>
public sealed class StaticHeaderAuthentication(string header, Secret expectedValue) : SourceAuthentication
{
    public override string Scheme => "header";

    public string Header { get; } = header;

    public override bool IsAuthentic(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var presented = request.Header(Header);
        return presented is not null && expectedValue.Matches(Encoding.UTF8.GetBytes(presented.Trim()));
    }
}
