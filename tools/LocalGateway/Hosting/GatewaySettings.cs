using ImageCacheFunctions.LocalGateway.Functions;

namespace ImageCacheFunctions.LocalGateway.Hosting;

/// <summary>The gateway's resolved command line.</summary>
/// <param name="Port">Loopback port of the gateway (OpenFaaS's is 8080).</param>
/// <param name="StackFile">Absolute path of stack.yml.</param>
/// <param name="StateDirectory">Builds, secrets, kubeconfig and emulator state (default: .local/ beside stack.yml).</param>
/// <param name="Kubeconfig">A real cluster's kubeconfig; null starts the Kubernetes API emulator.</param>
/// <param name="EciEndpoint">A real ECI OpenAPI endpoint; null starts the ECI emulator.</param>
/// <param name="EciRegion">The ECI region passed to every function.</param>
/// <param name="Cron">Whether the gateway fires the stack.yml schedules.</param>
/// <param name="FunctionNames">The subset of functions to run; null runs all of them.</param>
/// <param name="LogFormat">How the functions' log lines are printed.</param>
internal sealed record GatewaySettings(
    int Port,
    string StackFile,
    string StateDirectory,
    string? Kubeconfig,
    Uri? EciEndpoint,
    string EciRegion,
    bool Cron,
    IReadOnlyList<string>? FunctionNames,
    LogFormat LogFormat = LogFormat.Text)
{
    public const string DefaultEciRegion = "cn-hangzhou";

    public const int DefaultPort = 8080;

    /// <summary>The gateway's builds (bin/ and obj/ of every project): kept out of the source tree.</summary>
    public string BuildArtifactsDirectory => Path.Combine(StateDirectory, "build");

    public string SecretsDirectory => Path.Combine(StateDirectory, "secrets");

    /// <summary>The kubeconfig the functions use: the real one, or the one written for the emulator.</summary>
    public string EffectiveKubeconfig => Kubeconfig ?? Path.Combine(StateDirectory, "kubeconfig");

    public string KubernetesStateFile => Path.Combine(StateDirectory, "kubernetes.json");

    public Uri GatewayUrl => new($"http://127.0.0.1:{Port}");
}
