namespace ImageCacheFunctions.ImageCaches.Credentials;

/// <summary>
/// The credentials to give ECI for one cache: one per registry of the cache's images that a
/// secret covers. <see cref="RegistriesWithoutCredentials"/> are taken to be public (the seed:
/// public images need no secret); <see cref="Problems"/> are for status and Events.
/// </summary>
public sealed record RegistryCredentialResolution(
    IReadOnlyList<RegistryCredential> Credentials,
    IReadOnlyList<string> RegistriesWithoutCredentials,
    IReadOnlyList<ImagePullSecretProblem> Problems)
{
    public static RegistryCredentialResolution Empty { get; } = new([], [], []);

    public bool HasProblems => Problems.Count > 0;

    /// <summary>The credential for a canonical registry (<c>docker.io</c>, <c>host:port</c>), if any.</summary>
    public RegistryCredential? For(string registry) =>
        Credentials.FirstOrDefault(c => string.Equals(c.Server, CredentialHost.Canonicalize(registry), StringComparison.Ordinal));

    public override string ToString() =>
        $"RegistryCredentialResolution {{ Servers = [{string.Join(", ", Credentials.Select(c => c.Server))}], "
        + $"WithoutCredentials = [{string.Join(", ", RegistriesWithoutCredentials)}], Problems = {Problems.Count} }}";
}
