namespace ImageCacheFunctions.ImageCaches.Kubernetes;

/// <summary>
/// Configuration section <c>Kubernetes</c>. Where the API server is: <see cref="KubeConfig"/>
/// when set, else in-cluster (service account) when running in a pod, else the file(s) in the
/// <c>KUBECONFIG</c> environment variable; nothing else (no silent <c>~/.kube/config</c>).
/// </summary>
public sealed class KubernetesOptions
{
    public const string SectionName = "Kubernetes";

    /// <summary>Path of a kubeconfig file; wins over in-cluster and KUBECONFIG.</summary>
    public string? KubeConfig { get; set; }

    /// <summary>Context of the kubeconfig to use; its current-context when empty.</summary>
    public string? Context { get; set; }

    /// <summary>
    /// Set by the local gateway: only <see cref="KubeConfig"/> is accepted, so a developer's
    /// KUBECONFIG (a real cluster) is never used by accident. Start-up fails without it.
    /// </summary>
    public bool RequireExplicitConfig { get; set; }

    /// <summary>Timeout of every API call (KubernetesClient's HttpClientTimeout).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Objects per LIST page (<c>limit</c>); the API server's own advice is 500.</summary>
    public int PageSize { get; set; } = 500;

    /// <summary>Attempts of a read-modify-write before a resourceVersion conflict is given up.</summary>
    public int ConflictRetryAttempts { get; set; } = 5;

    /// <summary>Namespace of Events about cluster-scoped ImageCache objects (kubectl looks in default).</summary>
    public string EventNamespace { get; set; } = "default";

    /// <summary>reportingInstance of recorded Events; the pod's host name when empty.</summary>
    public string? ReportingInstance { get; set; }
}
