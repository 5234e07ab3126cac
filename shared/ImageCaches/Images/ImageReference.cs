namespace ImageCacheFunctions.ImageCaches.Images;

/// <summary>
/// A container image reference normalised per the distribution reference grammar:
/// <c>nginx</c> is <c>docker.io/library/nginx:latest</c>.
/// </summary>
/// <remarks>
/// Built through <see cref="Parse"/>, <see cref="TryParse"/> or <see cref="TryCreate"/>, a
/// reference is valid and normalised: the Docker Hub aliases are <c>docker.io</c>, official
/// images carry <c>library/</c>, and a reference with neither tag nor digest has the tag
/// <c>latest</c>, so <c>Parse(x.ToString()) == x</c>. The registry host keeps its case as
/// written (an upper-case first component is how the grammar tells a host from a namespace);
/// <see cref="RepositoryKey"/> is the case- and alias-insensitive identity.
/// </remarks>
public sealed record ImageReference(string Registry, string Repository, string? Tag, Digest? Digest)
{
    /// <summary>Tag implied when a reference names neither tag nor digest.</summary>
    public const string DefaultTag = "latest";

    /// <summary>Longest <c>registry/repository</c> the grammar allows.</summary>
    public const int MaxNameLength = 255;

    /// <summary>Longest tag the grammar allows.</summary>
    public const int MaxTagLength = 128;

    /// <summary>Longest reference text looked at; anything longer is rejected before parsing.</summary>
    public const int MaxLength = MaxNameLength + 1 + MaxTagLength + 1 + 65 + Images.Digest.MaxHexLength;

    public static ImageReference Parse(string value) =>
        TryParse(value, out var reference, out var error) ? reference! : throw new FormatException(error);

    /// <summary>Parses and normalises a reference, or says in <paramref name="error"/> why it is invalid.</summary>
    public static bool TryParse(string value, out ImageReference? reference, out string? error)
    {
        reference = null;
        if (string.IsNullOrEmpty(value))
        {
            error = "image reference is empty";
            return false;
        }

        if (value.Length > MaxLength)
        {
            error = $"image reference is longer than {MaxLength} characters";
            return false;
        }

        // A bare 64-hex string is an image ID, not a repository (distribution refuses it too).
        if (value.Length == 64 && value.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f'))
        {
            error = $"'{value}' is a 64-character hex image ID, not a repository name";
            return false;
        }

        var name = value;
        Digest? digest = null;
        var at = value.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            if (!Images.Digest.TryParse(value[(at + 1)..], out var parsed, out var digestError))
            {
                error = $"image reference '{Images.Digest.Shorten(value)}': {digestError}";
                return false;
            }

            digest = parsed;
            name = value[..at];
        }

        string? tag = null;
        var lastColon = name.LastIndexOf(':');
        if (lastColon > name.LastIndexOf('/'))
        {
            tag = name[(lastColon + 1)..];
            name = name[..lastColon];
        }

        string registry;
        string repository;
        var firstSlash = name.IndexOf('/', StringComparison.Ordinal);
        if (firstSlash < 0)
        {
            registry = RegistryHost.DockerHub;
            repository = name;
        }
        else if (RegistryHost.IsRecognisedAsRegistry(name[..firstSlash]))
        {
            registry = name[..firstSlash];
            repository = name[(firstSlash + 1)..];
        }
        else
        {
            registry = RegistryHost.DockerHub;
            repository = name;
        }

        if (!TryCreate(registry, repository, tag, digest, out reference, out error))
        {
            error = $"image reference '{Images.Digest.Shorten(value)}': {error}";
            return false;
        }

        return true;
    }

    /// <summary>
    /// Builds a reference from parts a registry sent (host, repository, tag, digest): validates
    /// them, folds the Docker Hub aliases, adds <c>library/</c> to Docker Hub official images and
    /// <c>latest</c> when neither tag nor digest is given.
    /// </summary>
    public static bool TryCreate(
        string registry,
        string repository,
        string? tag,
        Digest? digest,
        out ImageReference? reference,
        out string? error)
    {
        reference = null;
        if (string.IsNullOrEmpty(registry))
        {
            error = "registry host is empty";
            return false;
        }

        registry = RegistryHost.FoldDockerHub(registry);
        if (!RegistryHost.IsValid(registry))
        {
            error = $"registry host '{Images.Digest.Shorten(registry)}' is not a valid host[:port]";
            return false;
        }

        if (!RegistryHost.IsRecognisedAsRegistry(registry))
        {
            error = $"registry host '{registry}' has no '.' or ':' and is not 'localhost', so a reference would read it as a Docker Hub namespace";
            return false;
        }

        if (string.IsNullOrEmpty(repository))
        {
            error = "repository name is empty";
            return false;
        }

        if (registry == RegistryHost.DockerHub && !repository.Contains('/', StringComparison.Ordinal))
        {
            repository = RegistryHost.OfficialRepositoryPrefix + repository;
        }

        if (repository.Any(char.IsAsciiLetterUpper))
        {
            error = $"repository name '{Images.Digest.Shorten(repository)}' must be lowercase";
            return false;
        }

        if (!IsRepositoryPath(repository))
        {
            error = $"repository name '{Images.Digest.Shorten(repository)}' is not valid: path components are [a-z0-9]+ joined by '.', '_', '__' or '-'";
            return false;
        }

        if (registry.Length + 1 + repository.Length > MaxNameLength)
        {
            error = $"repository name is longer than {MaxNameLength} characters including the registry";
            return false;
        }

        if (tag is not null && !IsTag(tag))
        {
            error = $"tag '{Images.Digest.Shorten(tag)}' is not valid: [A-Za-z0-9_][A-Za-z0-9_.-]{{0,127}}";
            return false;
        }

        if (tag is null && digest is null)
        {
            tag = DefaultTag;
        }

        reference = new ImageReference(registry, repository, tag, digest);
        error = null;
        return true;
    }

    /// <summary><c>registry/repository</c> as written (after the Docker Hub normalisation).</summary>
    public string Name => $"{Registry}/{Repository}";

    /// <summary>
    /// The repository's identity for equality and indexing: canonical host (lower case, aliases
    /// such as Alibaba's <c>registry-vpc</c> folded; see <see cref="RegistryHost.Canonical"/>)
    /// and repository path.
    /// </summary>
    public string RepositoryKey => $"{RegistryHost.Canonical(Registry)}/{Repository}";

    /// <summary>The tag a pull resolves: the tag, else <c>latest</c> unless a digest pins the reference.</summary>
    public string? EffectiveTag => Tag ?? (Digest is null ? DefaultTag : null);

    /// <summary>True when a digest pins the content: a re-push of the tag does not change what is pulled.</summary>
    public bool IsPinned => Digest is not null;

    /// <summary>
    /// Same repository (by <see cref="RepositoryKey"/>) and same effective tag. A reference with
    /// only a digest has no tag and matches nothing by tag; callers deciding whether a push
    /// refreshes a cached image should also consult <see cref="IsPinned"/>.
    /// </summary>
    public bool Matches(ImageReference other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var tag = EffectiveTag;
        return tag is not null
            && string.Equals(tag, other.EffectiveTag, StringComparison.Ordinal)
            && string.Equals(RepositoryKey, other.RepositoryKey, StringComparison.Ordinal);
    }

    /// <summary>Fully qualified: <c>docker.io/library/nginx:latest</c>, <c>host/repo:tag@sha256:…</c>.</summary>
    public override string ToString()
    {
        var tag = EffectiveTag;
        var text = tag is null ? Name : $"{Name}:{tag}";
        return Digest is { } digest ? $"{text}@{digest}" : text;
    }

    // path-component := [a-z0-9]+ (separator [a-z0-9]+)*, separator := [_.] | __ | -+ ; path := component ('/' component)*
    private static bool IsRepositoryPath(string path)
    {
        foreach (var component in path.Split('/'))
        {
            if (!IsPathComponent(component))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsPathComponent(string component)
    {
        if (component.Length == 0 || !IsLowerAlphaNumeric(component[0]) || !IsLowerAlphaNumeric(component[^1]))
        {
            return false;
        }

        var i = 0;
        while (i < component.Length)
        {
            if (IsLowerAlphaNumeric(component[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < component.Length && !IsLowerAlphaNumeric(component[i]))
            {
                i++;
            }

            var separator = component.AsSpan(start, i - start);
            var valid = separator is "." or "_" or "__" || separator.TrimStart('-').IsEmpty;
            if (!valid)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsLowerAlphaNumeric(char c) => char.IsAsciiDigit(c) || c is >= 'a' and <= 'z';

    // tag := [\w][\w.-]{0,127} with \w ASCII word characters, as in Go's RE2.
    private static bool IsTag(string tag)
    {
        if (tag.Length is 0 or > MaxTagLength || !IsWord(tag[0]))
        {
            return false;
        }

        foreach (var c in tag)
        {
            if (!IsWord(c) && c is not '.' and not '-')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsWord(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}
