namespace ImageCacheFunctions.ImageCaches.Operations.Api;

/// <summary>Configuration section <c>Api</c> of the imagecache-api function (environment <c>Api__…</c>).</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";

    /// <summary>Where OpenFaaS mounts secrets; the function key is read from here unless <see cref="FunctionKeyFile"/> says otherwise.</summary>
    public const string DefaultSecretsDirectory = "/var/openfaas/secrets";

    /// <summary>
    /// The reconcile-status function through the gateway, e.g.
    /// <c>http://gateway.openfaas:8080/function/reconcile-status</c>. When set, an admitted
    /// ImageCache create or spec change is reconciled at once (POST <c>?name=&lt;name&gt;</c>)
    /// instead of at the next cron tick. Unset: nothing is triggered.
    /// </summary>
    public Uri? ReconcileUrl { get; set; }

    /// <summary>File holding the key sent as <c>x-functions-key</c> to <see cref="ReconcileUrl"/>; default: the function-key secret.</summary>
    public string? FunctionKeyFile { get; set; }

    /// <summary>Timeout of the reconcile trigger's POST.</summary>
    public TimeSpan ReconcileTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long the trigger waits for an admitted object to be stored (admission runs before the
    /// API server persists it); after that the next cron tick does the work.
    /// </summary>
    public TimeSpan ReconcileObjectWait { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Interval at which the trigger looks for the admitted object.</summary>
    public TimeSpan ReconcileObjectPollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Deny (instead of warn about) a pod that names a cache id that is unknown or not Ready.</summary>
    public bool DenyPodsWithUnreadyCache { get; set; }

    /// <summary>Deny (instead of warn about) an ImageCache whose imagePullSecrets name secrets that do not exist.</summary>
    public bool DenyMissingPullSecrets { get; set; } = true;

    /// <summary>How often <c>/wait</c> looks at the caches.</summary>
    public TimeSpan WaitPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary><c>/wait</c>'s timeout when the caller gives none.</summary>
    public TimeSpan WaitDefaultTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The longest <c>/wait</c> timeout accepted; keep it below the function's exec_timeout.</summary>
    public TimeSpan WaitMaxTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Most images one <c>/match</c> request may name.</summary>
    public int MaxImagesPerRequest { get; set; } = 100;

    /// <summary>The key file in effect: <see cref="FunctionKeyFile"/>, else function-key in the secrets directory.</summary>
    public string EffectiveFunctionKeyFile(string? secretsDirectory) =>
        !string.IsNullOrWhiteSpace(FunctionKeyFile)
            ? FunctionKeyFile
            : Path.Combine(string.IsNullOrWhiteSpace(secretsDirectory) ? DefaultSecretsDirectory : secretsDirectory, "function-key");
}
