using k8s;

namespace ImageCacheFunctions.ImageCaches.Kubernetes;

/// <summary>
/// Turns <see cref="KubernetesOptions"/> into KubernetesClient's configuration, in this order:
/// explicit kubeconfig; (refused if <see cref="KubernetesOptions.RequireExplicitConfig"/>)
/// in-cluster service account; the <c>KUBECONFIG</c> variable. Every call gets the timeout.
/// </summary>
public sealed class KubernetesClientConfigurationResolver(Func<string, string?> environment)
{
    public const string ServiceHostVariable = "KUBERNETES_SERVICE_HOST";
    public const string KubeConfigVariable = "KUBECONFIG";

    public KubernetesClientConfigurationResolver()
        : this(Environment.GetEnvironmentVariable)
    {
    }

    /// <summary>Where the configuration came from, for the start-up log line.</summary>
    public string Describe(KubernetesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Choose(options) switch
        {
            Source.ExplicitFile => $"kubeconfig {options.KubeConfig}",
            Source.InCluster => "in-cluster service account",
            Source.KubeConfigVariable => $"KUBECONFIG ({environment(KubeConfigVariable)})",
            _ => "none",
        };
    }

    public KubernetesClientConfiguration Resolve(KubernetesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var context = string.IsNullOrWhiteSpace(options.Context) ? null : options.Context;
        var configuration = Choose(options) switch
        {
            Source.ExplicitFile => KubernetesClientConfiguration.BuildConfigFromConfigFile(options.KubeConfig, context),
            Source.InCluster => KubernetesClientConfiguration.InClusterConfig(),
            Source.KubeConfigVariable => BuildFromVariable(environment(KubeConfigVariable)!, context),
            Source.RefusedImplicit => throw new InvalidOperationException(
                "Kubernetes:RequireExplicitConfig is set but Kubernetes:KubeConfig is empty; refusing to use in-cluster "
                + "credentials or KUBECONFIG. Set Kubernetes:KubeConfig to the kubeconfig of the cluster to use."),
            _ => throw new InvalidOperationException(
                "No Kubernetes configuration: not running in a pod (KUBERNETES_SERVICE_HOST is not set), the KUBECONFIG "
                + "environment variable is not set, and Kubernetes:KubeConfig is empty. Set one of them."),
        };

        configuration.HttpClientTimeout = options.RequestTimeout;
        return configuration;
    }

    private Source Choose(KubernetesOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.KubeConfig))
        {
            return Source.ExplicitFile;
        }

        if (options.RequireExplicitConfig)
        {
            return Source.RefusedImplicit;
        }

        if (!string.IsNullOrEmpty(environment(ServiceHostVariable)))
        {
            return Source.InCluster;
        }

        return string.IsNullOrWhiteSpace(environment(KubeConfigVariable)) ? Source.None : Source.KubeConfigVariable;
    }

    private static KubernetesClientConfiguration BuildFromVariable(string value, string? context)
    {
        // KUBECONFIG may list several files; KubernetesClient's public API reads one, so the
        // first that exists is used (kubectl would merge them; contexts should live in that one).
        var files = value.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var file = files.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"KUBECONFIG is '{value}', but none of its files exists.");
        return KubernetesClientConfiguration.BuildConfigFromConfigFile(file, context);
    }

    private enum Source
    {
        None,
        ExplicitFile,
        RefusedImplicit,
        InCluster,
        KubeConfigVariable,
    }
}
