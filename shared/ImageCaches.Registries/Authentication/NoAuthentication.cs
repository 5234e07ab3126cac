namespace ImageCacheFunctions.ImageCaches.Registries;

/// <summary>Accepts every request; only configured with an explicit <c>allowUnauthenticated: true</c>.</summary>
public sealed class NoAuthentication : SourceAuthentication
{
    public override string Scheme => "none";

    public override bool IsAuthentic(WebhookRequest request) => true;
}
