using ImageCacheFunctions.ImageCaches.Images;

namespace ImageCacheFunctions.ImageCaches.Credentials;

/// <summary>
/// Registry names as the container runtime compares them for credentials: lower case, with
/// Docker Hub's names folded into <c>docker.io</c> and nothing else folded (unlike
/// <see cref="RegistryHost.Canonical"/>, a secret for an ACR public endpoint is not used for its
/// VPC endpoint by the runtime either).
/// </summary>
internal static class CredentialHost
{
    public static string Canonicalize(string hostAndPort)
    {
        ArgumentNullException.ThrowIfNull(hostAndPort);
        return RegistryHost.FoldDockerHub(hostAndPort.Trim().ToLowerInvariant());
    }

    public static bool IsDockerHub(string host) => RegistryHost.FoldDockerHub(host) == RegistryHost.DockerHub;
}
