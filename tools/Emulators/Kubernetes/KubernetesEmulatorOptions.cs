namespace ImageCacheFunctions.Emulators.Kubernetes;

/// <summary>How a <see cref="KubernetesEmulator"/> listens, persists and what it serves at start.</summary>
public sealed class KubernetesEmulatorOptions
{
    /// <summary>Loopback port; 0 (the default) picks a free one, read it back from <see cref="KubernetesEmulator.BaseUri"/>.</summary>
    public int Port { get; set; }

    /// <summary>
    /// JSON file the objects are kept in across restarts, with a journal of the changes since it
    /// was written beside it (PATH.journal); null keeps them in memory only.
    /// </summary>
    public string? PersistencePath { get; set; }

    /// <summary>
    /// CRD manifests (apiextensions.k8s.io/v1 YAML) applied at start. Null: deploy/crd/*.yaml of
    /// the repository (found upwards from the binary or the working directory; else the copy
    /// built into this assembly). Empty: none.
    /// </summary>
    public IList<string>? CrdPaths { get; set; }

    /// <summary>
    /// Bearer token every API request must carry (the kubeconfig then has it). Null, the default,
    /// turns authentication off: kubectl does not send tokens over plain http, so a token shuts
    /// kubectl out and is only for checking that a KubernetesClient-based caller sends one.
    /// </summary>
    public string? BearerToken { get; set; }

    /// <summary>Clock of creationTimestamp, deletionTimestamp and table ages.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Namespaces that exist from the start.</summary>
    public IList<string> Namespaces { get; set; } = ["default", "kube-system", "kube-public", "kube-node-lease"];

    /// <summary>How many changes watches can resume from; older resourceVersions get 410 Expired.</summary>
    public int WatchHistoryLimit { get; set; } = 100_000;

    /// <summary>How many answered requests <see cref="KubernetesEmulator.Requests"/> keeps (oldest dropped first).</summary>
    public int RequestLogLimit { get; set; } = 100_000;

    internal void Validate()
    {
        if (RequestLogLimit < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(RequestLogLimit), RequestLogLimit, "RequestLogLimit must not be negative.");
        }
        if (Port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(Port), Port, "Port must be 0 (any free port) or 1-65535.");
        }
        if (WatchHistoryLimit < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(WatchHistoryLimit), WatchHistoryLimit, "WatchHistoryLimit must be at least 1.");
        }
        if (BearerToken is { Length: 0 })
        {
            throw new ArgumentException("BearerToken must be null (no authentication) or non-empty.", nameof(BearerToken));
        }
        ArgumentNullException.ThrowIfNull(TimeProvider);
        ArgumentNullException.ThrowIfNull(Namespaces);
    }
}
