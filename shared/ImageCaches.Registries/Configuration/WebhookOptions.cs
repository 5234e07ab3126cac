namespace ImageCacheFunctions.ImageCaches.Registries;

/// <summary>
/// The <c>Webhook</c> configuration section as written (YAML/JSON sources file, or
/// configuration keys <c>Webhook:Sources:&lt;name&gt;:…</c>). Validated and turned into
/// <see cref="WebhookSettings"/> by <see cref="WebhookSettingsLoader"/>.
/// </summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhook";

    /// <summary>Default body limit: 1 MiB.</summary>
    public const long DefaultMaxBodyBytes = 1024 * 1024;

    /// <summary>Bodies larger than this get 413 (default <see cref="DefaultMaxBodyBytes"/>).</summary>
    public long? MaxBodyBytes { get; set; }

    /// <summary>A YAML or JSON file with more sources (configuration key <c>Webhook:SourcesFile</c>).</summary>
    public string? SourcesFile { get; set; }

    /// <summary>The configured sources by name (the name is what <c>?source=</c> selects).</summary>
    public Dictionary<string, WebhookSourceOptions> Sources { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>One sender as configured.</summary>
public sealed class WebhookSourceOptions
{
    /// <summary>The payload format: see <see cref="WebhookSourceTypeNames.Known"/>.</summary>
    public string? Type { get; set; }

    /// <summary>
    /// Registry host the pods pull from. When set it replaces any host in the payload; when
    /// unset the payload's host is used, or the format's default (Docker Hub <c>docker.io</c>,
    /// Quay <c>quay.io</c>, ACR <c>registry.&lt;region&gt;.aliyuncs.com</c>, ECR from account and
    /// region, JFrog from <c>jpd_origin</c>).
    /// </summary>
    public string? Registry { get; set; }

    /// <summary>
    /// Other hosts that serve the same repositories as the pushed one (an ACR Enterprise Edition
    /// instance's custom domains, a reverse proxy): a push is also looked up under each.
    /// </summary>
    public List<string> Aliases { get; set; } = [];

    /// <summary>
    /// JFrog: where users pull each repository key from, as <c>host/path</c> prefixes (a local
    /// repository's pushes seen through a virtual or remote key). A key listed here replaces the
    /// <see cref="RepositoryLayout"/> mapping for its pushes.
    /// </summary>
    public Dictionary<string, List<string>> RepositoryKeys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How the sender proves who it is. Required unless <see cref="AllowUnauthenticated"/>.</summary>
    public WebhookAuthOptions? Auth { get; set; }

    /// <summary>Must be set, explicitly, to accept unauthenticated requests.</summary>
    public bool AllowUnauthenticated { get; set; }

    /// <summary>CloudEvents webhook origins (<c>WebHook-Request-Origin</c>) granted by the OPTIONS handshake; <c>*</c> for any.</summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>Requests per minute granted in the handshake (<c>WebHook-Allowed-Rate</c>); unset grants <c>*</c>.</summary>
    public int? AllowedRate { get; set; }

    /// <summary>Event Grid subscription validation: which topics may be validated.</summary>
    public EventGridOptions? EventGrid { get; set; }

    /// <summary>Alibaba ACR: UTC offset of the zone-less push times, e.g. <c>+08:00</c> (the default).</summary>
    public string? TimestampOffset { get; set; }

    /// <summary>JFrog: <c>repository-path</c> (default: <c>host/repoKey/image</c>), <c>subdomain</c> (<c>repoKey.host/image</c>) or <c>port</c> (<c>registry/image</c>).</summary>
    public string? RepositoryLayout { get; set; }
}

/// <summary>Authentication of one source.</summary>
public sealed class WebhookAuthOptions
{
    /// <summary><c>hmac-sha256</c>, <c>header</c>, <c>url-token</c>, <c>bearer</c> or <c>none</c>.</summary>
    public string? Type { get; set; }

    /// <summary>Header carrying the signature or value (defaults per type and source).</summary>
    public string? Header { get; set; }

    /// <summary>Prefix before the hex signature (<c>sha256=</c> for GitHub).</summary>
    public string? Prefix { get; set; }

    /// <summary>Query parameter for <c>url-token</c> (default <c>token</c>).</summary>
    public string? Parameter { get; set; }

    /// <summary>File holding the secret (an OpenFaaS secret, e.g. <c>/var/openfaas/secrets/harbor-webhook</c>).</summary>
    public string? SecretFile { get; set; }

    /// <summary><c>jwt</c>: the token issuer (<c>https://accounts.google.com</c> by default for <c>gar</c>; Entra: <c>https://login.microsoftonline.com/&lt;tenant&gt;/v2.0</c>).</summary>
    public string? Issuer { get; set; }

    /// <summary><c>jwt</c>: the audience the sender puts in its tokens (required).</summary>
    public string? Audience { get; set; }

    /// <summary><c>jwt</c>: the issuer's OpenID configuration document; default <c>&lt;issuer&gt;/.well-known/openid-configuration</c>.</summary>
    public string? OpenIdConfiguration { get; set; }

    /// <summary><c>jwt</c>: claims the token must carry with exactly these values (Pub/Sub: <c>email</c> = the push service account).</summary>
    public Dictionary<string, string> Claims { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>Which Event Grid subscriptions may be validated.</summary>
public sealed class EventGridOptions
{
    /// <summary>Topics (resource ids, e.g. <c>/subscriptions/…/registries/name</c>), compared case-insensitively.</summary>
    public List<string> Topics { get; set; } = [];

    /// <summary>Azure subscription ids: any topic under <c>/subscriptions/&lt;id&gt;</c>.</summary>
    public List<string> SubscriptionIds { get; set; } = [];
}
