using ImageCacheFunctions.ImageCaches.Registries;
using Microsoft.Extensions.Configuration;

namespace ImageCacheFunctions.ImageCaches.Operations.Refresh;

/// <summary>
/// Configuration section <c>Webhook</c> (environment <c>Webhook__TimeBudget</c>,
/// <c>Webhook__AutoCreate__0__Repository</c>, …), bound with
/// <see cref="BinderOptions.ErrorOnUnknownConfiguration"/> so a key nobody knows stops the start.
/// The registry sources' keys (<see cref="SourcesFile"/>, <see cref="Sources"/>,
/// <see cref="MaxBodyBytes"/>) are read by the registries library, one source at a time (see
/// <see cref="WebhookSources"/>); they appear here so the section is described whole.
/// </summary>
public sealed class WebhookRefreshOptions
{
    public const string SectionName = "Webhook";

    /// <summary>The sources file (<see cref="WebhookOptions.SourcesFile"/>).</summary>
    public string? SourcesFile { get; set; }

    /// <summary>The body limit (<see cref="WebhookOptions.MaxBodyBytes"/>); a value that is not a number stops the start.</summary>
    public long? MaxBodyBytes { get; set; }

    /// <summary>The sources configured as keys, unbound: each is bound on its own, so its mistakes break it alone.</summary>
    public IConfigurationSection? Sources { get; set; }

    /// <summary>
    /// How long a delivery may take before it is answered: senders give up after 3 s (Harbor),
    /// 5 s (Azure) or 10 s (GitHub). Finding the caches and recording the refreshes must finish
    /// within it (else 503, and the sender's retry finishes the job); ECI updates still running
    /// then go on in the background and are otherwise left pending for reconcile-status.
    /// </summary>
    public TimeSpan TimeBudget { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The <c>Retry-After</c> of a 503 (Kubernetes or ECI unreachable).</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Upper bound of one background reconcile started by a delivery.</summary>
    public TimeSpan ReconcileTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Caches of one delivery recorded and reconciled at once (1..64).</summary>
    public int Concurrency { get; set; } = 8;

    /// <summary>
    /// How often the sources file and the secret files are re-read besides the file watch (a
    /// re-read that finds the same bytes does nothing).
    /// </summary>
    public TimeSpan ReloadInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long the answer of a repository-index LIST is reused by later deliveries for the same
    /// repository (<see cref="RepositoryIndexSnapshots"/>): a burst of duplicate deliveries costs
    /// one LIST. An ImageCache created or changed elsewhere is seen at most this much later
    /// (this replica's own writes are seen at once); a push that finds a refresh already pending
    /// is always decided on a fresh read. <c>00:00:00</c> lists on every delivery.
    /// </summary>
    public TimeSpan IndexMaxAge { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Auto-create rules, first match wins; none by default.</summary>
    public IList<AutoCreateRuleOptions> AutoCreate { get; set; } = [];
}

/// <summary>One auto-create rule as configured (<c>Webhook:AutoCreate:&lt;index&gt;:…</c>).</summary>
public sealed class AutoCreateRuleOptions
{
    /// <summary>The rule's name (label value on the caches it creates); <c>rule-&lt;index&gt;</c> when unset.</summary>
    public string? Name { get; set; }

    /// <summary>Registry host glob (lower case, e.g. <c>registry.*.aliyuncs.com</c>); any host when unset.</summary>
    public string? Registry { get; set; }

    /// <summary>Repository glob (required): <c>*</c> within a path segment, <c>**</c> across segments, e.g. <c>team/*</c>.</summary>
    public string? Repository { get; set; }

    /// <summary>Tag glob, e.g. <c>v*</c>; any tag when unset.</summary>
    public string? Tag { get; set; }

    /// <summary>GiB (20..32768) of the caches created; ECI's default 20 when unset.</summary>
    public int? ImageCacheSize { get; set; }

    /// <summary>Retention in days (1..65536); never expires when unset.</summary>
    public int? RetentionDays { get; set; }

    /// <summary><c>namespace:name</c> secrets for private registries.</summary>
    public IList<string> ImagePullSecrets { get; set; } = [];
}
