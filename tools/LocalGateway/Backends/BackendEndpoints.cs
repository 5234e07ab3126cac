namespace ImageCacheFunctions.LocalGateway.Backends;

/// <summary>Where the functions find Kubernetes and ECI, embedded or real.</summary>
/// <param name="Kubeconfig">The kubeconfig every function uses.</param>
/// <param name="KubernetesEmulator">The Kubernetes API emulator's URL; null for a real cluster.</param>
/// <param name="EciEndpoint">The ECI OpenAPI endpoint.</param>
/// <param name="EciRegion">The ECI region id.</param>
/// <param name="EciTestAccessKeyId">The ECI emulator's test AccessKey id; null for real ECI.</param>
/// <param name="EciTestAccessKeySecret">The ECI emulator's fixed test secret; null for real ECI.</param>
internal sealed record BackendEndpoints(
    string Kubeconfig,
    Uri? KubernetesEmulator,
    Uri? EciEndpoint,
    string EciRegion,
    string? EciTestAccessKeyId,
    string? EciTestAccessKeySecret)
{
    public bool EciEmbedded => EciTestAccessKeyId is not null;

    // The secret is the emulator's published test key, but keep it out of logs anyway.
    public override string ToString() =>
        $"Kubeconfig={Kubeconfig}, KubernetesEmulator={KubernetesEmulator}, EciEndpoint={EciEndpoint}, EciRegion={EciRegion}, EciEmbedded={EciEmbedded}";
}
