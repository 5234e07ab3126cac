using ImageCacheFunctions.ImageCaches.Images;

namespace ImageCacheFunctions.ImageCaches.Credentials;

/// <summary>
/// Picks, for each registry of a cache's images, the credential the container runtime would
/// use: secrets in spec order, the first that has a matching entry wins; within a secret the
/// most specific entry (exact host before a glob, longer repository prefix first). Only the
/// cache's own registries get credentials, so no other secret material goes to ECI.
/// </summary>
public static class RegistryCredentialSelector
{
    public static RegistryCredentialResolution Select(IEnumerable<string> images, IReadOnlyList<ImagePullSecretContent> secrets)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(secrets);

        var problems = new List<ImagePullSecretProblem>();
        problems.AddRange(secrets.Where(s => s.Problem is not null).Select(s => s.Problem!));
        var usable = secrets.Where(s => s.Config is not null).ToList();

        var references = new List<ImageReference>();
        foreach (var image in images)
        {
            if (ImageReference.TryParse(image, out var reference, out var error) && reference is not null)
            {
                references.Add(reference);
            }
            else
            {
                problems.Add(new ImagePullSecretProblem(ImagePullSecretProblemKind.InvalidImage, null, null,
                    $"image '{image}' is not a valid reference ({error}); no credentials can be chosen for it"));
            }
        }

        var credentials = new List<RegistryCredential>();
        var withoutCredentials = new List<string>();
        var matchedSecrets = new HashSet<string>(StringComparer.Ordinal);

        foreach (var group in references.GroupBy(r => CredentialHost.Canonicalize(r.Registry), StringComparer.Ordinal))
        {
            var registry = group.Key;
            RegistryCredential? chosen = null;
            string? chosenFrom = null;
            foreach (var reference in group)
            {
                var match = FindEntry(usable, registry, reference.Repository);
                if (match is null)
                {
                    continue;
                }

                matchedSecrets.Add(match.Value.Secret);
                var credential = new RegistryCredential(registry, match.Value.Entry.UserName, match.Value.Entry.Password);
                if (chosen is null)
                {
                    chosen = credential;
                    chosenFrom = match.Value.Secret;
                }
                else if (chosen != credential)
                {
                    problems.Add(new ImagePullSecretProblem(ImagePullSecretProblemKind.ConflictingCredentials, match.Value.Secret, registry,
                        $"images of registry {registry} need different credentials (imagePullSecret {chosenFrom} and {match.Value.Secret}); "
                        + $"ECI takes one credential per registry, the one from {chosenFrom} is used"));
                }
            }

            if (chosen is not null)
            {
                credentials.Add(chosen);
                continue;
            }

            var broken = usable
                .SelectMany(s => s.Config!.InvalidEntries.Select(e => (s.Secret, Entry: e)))
                .FirstOrDefault(x => x.Entry.Target is not null && group.Any(r => x.Entry.Target.Matches(registry, r.Repository)));
            if (broken.Entry is not null)
            {
                matchedSecrets.Add(broken.Secret);
                problems.Add(new ImagePullSecretProblem(ImagePullSecretProblemKind.MalformedEntry, broken.Secret, registry,
                    $"imagePullSecret {broken.Secret}: the entry for registry {registry} cannot be used: {broken.Entry.Reason}"));
            }
            else
            {
                withoutCredentials.Add(registry);
            }
        }

        var registries = references.Select(r => CredentialHost.Canonicalize(r.Registry)).Distinct(StringComparer.Ordinal).ToList();
        foreach (var secret in usable.Where(s => registries.Count > 0 && !matchedSecrets.Contains(s.Secret) && !CoversAny(s, references)))
        {
            var entries = secret.Config!.Entries.Select(e => e.Target.ToString())
                .Concat(secret.Config.InvalidEntries.Select(e => e.Target?.ToString() ?? e.Key))
                .Distinct(StringComparer.Ordinal)
                .ToList();
            problems.Add(new ImagePullSecretProblem(ImagePullSecretProblemKind.NoEntryForRegistries, secret.Secret, string.Join(", ", registries),
                $"imagePullSecret {secret.Secret} has no entry for registry {string.Join(", ", registries)}"
                + (entries.Count == 0 ? " (it has no entries)" : $" (its entries: {string.Join(", ", entries)})")));
        }

        return new RegistryCredentialResolution(credentials, withoutCredentials, problems);
    }

    private static bool CoversAny(ImagePullSecretContent secret, List<ImageReference> references) =>
        references.Any(r => secret.Config!.Entries.Any(e => e.Target.Matches(r.Registry, r.Repository)));

    private static (string Secret, DockerConfigEntry Entry)? FindEntry(List<ImagePullSecretContent> secrets, string registry, string repository)
    {
        foreach (var secret in secrets)
        {
            var best = secret.Config!.Entries
                .Where(e => e.Target.Matches(registry, repository))
                .OrderByDescending(e => e.Target.Specificity)
                .FirstOrDefault();
            if (best is not null)
            {
                return (secret.Secret, best);
            }
        }

        return null;
    }
}

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
