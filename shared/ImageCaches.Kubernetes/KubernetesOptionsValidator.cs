using Microsoft.Extensions.Options;

namespace ImageCacheFunctions.ImageCaches.Kubernetes;

/// <summary>Checks <see cref="KubernetesOptions"/> at start-up, one clear message per bad setting.</summary>
public sealed class KubernetesOptionsValidator : IValidateOptions<KubernetesOptions>
{
    public ValidateOptionsResult Validate(string? name, KubernetesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (options.RequireExplicitConfig && string.IsNullOrWhiteSpace(options.KubeConfig))
        {
            failures.Add("Kubernetes:RequireExplicitConfig is set but Kubernetes:KubeConfig is empty: set Kubernetes:KubeConfig "
                + "to the kubeconfig of the cluster to use (the local gateway writes one for its embedded Kubernetes emulator); "
                + "KUBECONFIG and in-cluster credentials are not used in this mode, so no real cluster is reached by accident.");
        }

        if (!string.IsNullOrWhiteSpace(options.KubeConfig) && !File.Exists(options.KubeConfig))
        {
            failures.Add($"Kubernetes:KubeConfig is '{options.KubeConfig}', but no such file exists.");
        }

        if (options.RequestTimeout <= TimeSpan.Zero || options.RequestTimeout > TimeSpan.FromMinutes(10))
        {
            failures.Add($"Kubernetes:RequestTimeout must be between 00:00:00.001 and 00:10:00 (was {options.RequestTimeout}).");
        }

        if (options.PageSize is < 1 or > 10_000)
        {
            failures.Add($"Kubernetes:PageSize must be between 1 and 10000 (was {options.PageSize}).");
        }

        if (options.ConflictRetryAttempts is < 1 or > 100)
        {
            failures.Add($"Kubernetes:ConflictRetryAttempts must be between 1 and 100 (was {options.ConflictRetryAttempts}).");
        }

        if (string.IsNullOrWhiteSpace(options.EventNamespace))
        {
            failures.Add("Kubernetes:EventNamespace must not be empty (Events about cluster-scoped objects go to 'default').");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
