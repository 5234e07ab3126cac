using k8s;
using Microsoft.Extensions.Options;

namespace ImageCacheFunctions.ImageCaches.Kubernetes;

/// <summary>
/// The cluster's API client (<see cref="KubernetesOptions"/> resolved by
/// <see cref="KubernetesClientConfigurationResolver"/>), built on first use. The container holds
/// this instead of <see cref="IKubernetes"/> itself: registering a KubernetesClient type loads
/// KubernetesClient.dll (3 MB mapped) at start-up, before any call needs it.
/// </summary>
public sealed class KubernetesConnection(IOptions<KubernetesOptions> options, KubernetesClientConfigurationResolver resolver)
{
    private readonly Lazy<IKubernetes> _client = new(() => new k8s.Kubernetes(resolver.Resolve(options.Value)));

    public IKubernetes Client => _client.Value;
}
