namespace ImageCacheFunctions.ImageCaches.Registries;

/// <summary>How one configured source proves a request is its own. Comparisons are constant-time.</summary>
public abstract class SourceAuthentication
{
    /// <summary>The configuration name of the scheme (<c>hmac-sha256</c>, <c>header</c>…).</summary>
    public abstract string Scheme { get; }

    /// <summary>True when the request carries this source's credential.</summary>
    public abstract bool IsAuthentic(WebhookRequest request);

    public override string ToString() => Scheme;
}
