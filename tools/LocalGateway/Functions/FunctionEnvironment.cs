using System.Collections;
using System.Globalization;
using ImageCacheFunctions.LocalGateway.Backends;
using ImageCacheFunctions.LocalGateway.Stack;

namespace ImageCacheFunctions.LocalGateway.Functions;

/// <summary>
/// The environment of one function process: what OpenFaaS would give the container
/// (stack.yml `environment`, secrets mounted in a folder) plus where the backends are.
/// A null value removes an inherited variable.
/// </summary>
internal static class FunctionEnvironment
{
    /// <summary>OpenFaaS mounts secrets here; locally they live in the state directory.</summary>
    public const string OpenFaaSSecretsMount = "/var/openfaas/secrets/";

    /// <summary>The in-cluster gateway of an OpenFaaS install; locally, this gateway stands in for it.</summary>
    public const string InClusterGateway = "http://gateway.openfaas:8080/";

    // Inherited variables that would point a function somewhere other than the backends chosen here.
    private static readonly string[] RemovedPrefixes = ["ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_URLS", "KUBERNETES_SERVICE_"];

    // A real AccessKey must never be sent to the emulator (or used instead of its test key).
    private static readonly string[] CloudCredentialPrefixes = ["ALIBABA_CLOUD_", "ALICLOUD_"];

    public static Dictionary<string, string?> Compose(
        StackFunction function,
        int port,
        BackendEndpoints backends,
        string secretsDirectory,
        Uri? gateway = null,
        IDictionary? inherited = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(backends);
        inherited ??= Environment.GetEnvironmentVariables();

        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var key in inherited.Keys.OfType<string>())
        {
            if (RemovedPrefixes.Any(p => key.StartsWith(p, StringComparison.Ordinal))
                || (backends.EciEmbedded && CloudCredentialPrefixes.Any(p => key.StartsWith(p, StringComparison.Ordinal))))
            {
                environment[key] = null;
            }
        }

        var secrets = Path.TrimEndingDirectorySeparator(secretsDirectory) + Path.DirectorySeparatorChar;
        foreach (var (key, value) in function.Environment)
        {
            environment[key] = value.StartsWith(OpenFaaSSecretsMount, StringComparison.Ordinal)
                ? secrets + value[OpenFaaSSecretsMount.Length..]
                // A call meant for the cluster's gateway (imagecache-api's reconcile trigger) goes
                // to this one: the name would resolve elsewhere, and the function key with it.
                : gateway is not null && value.StartsWith(InClusterGateway, StringComparison.Ordinal)
                    ? new Uri(gateway, value[InClusterGateway.Length..]).ToString()
                    : value;
        }

        environment["PORT"] = port.ToString(CultureInfo.InvariantCulture);
        environment["FUNCTIONS_TIMER_MODE"] = "connector";
        environment["OPENFAAS_SECRETS_DIR"] = secretsDirectory;
        environment["OPENFAAS_NAME"] = function.Name;
        environment["KUBECONFIG"] = backends.Kubeconfig;
        environment["Kubernetes__KubeConfig"] = backends.Kubeconfig;
        environment["Kubernetes__RequireExplicitConfig"] = "true";
        environment["Eci__RegionId"] = backends.EciRegion;
        if (backends.EciEndpoint is not null)
        {
            environment["Eci__Endpoint"] = backends.EciEndpoint.AbsoluteUri.TrimEnd('/');
        }

        if (backends.EciEmbedded)
        {
            environment["Eci__AllowInsecureHttp"] = "true";
            environment["Eci__VSwitchId"] = "vsw-local";
            environment["Eci__SecurityGroupId"] = "sg-local";
        }

        return environment;
    }
}
