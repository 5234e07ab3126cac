using ImageCacheFunctions.ImageCaches.Images;

namespace ImageCacheFunctions.ImageCaches.Credentials;

/// <summary>
/// A key of a docker config <c>auths</c> map, parsed the way the kubelet's credential keyring
/// reads it: an optional scheme, <c>host[:port]</c> (labels may hold <c>*</c> globs, e.g.
/// <c>*.azurecr.io</c>), and an optional repository path prefix. Docker Hub's names are aliases
/// of one another, and its API path (<c>/v1/</c>) is not a repository prefix.
/// </summary>
public sealed record RegistryAuthKey(string Host, string? Port, string PathPrefix)
{
    /// <summary>Parses a key; null when it names no host.</summary>
    public static RegistryAuthKey? Parse(string? key)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            return null;
        }

        var rest = key.Trim();
        var scheme = rest.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            rest = rest[(scheme + 3)..];
        }

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var authority = slash >= 0 ? rest[..slash] : rest;
        var path = slash >= 0 ? rest[(slash + 1)..].Trim('/') : "";

        if (!TrySplitHostPort(authority, out var host, out var port))
        {
            return null;
        }

        host = host.ToLowerInvariant();
        if (host.Length == 0 || host.Contains('@', StringComparison.Ordinal))
        {
            return null;
        }

        // "/v1", "/v2" are registry API paths written by `docker login`, not repository prefixes.
        if (path is "v1" or "v2")
        {
            path = "";
        }

        if (CredentialHost.IsDockerHub(host) && port is null)
        {
            host = RegistryHost.DockerHub;
        }

        return new RegistryAuthKey(host, port, path);
    }

    /// <summary>
    /// True when this key applies to an image in <paramref name="registry"/> (canonical
    /// <c>host[:port]</c>) and <paramref name="repository"/> (e.g. <c>library/nginx</c>).
    /// Ports must match exactly; the path must be a prefix at a <c>/</c> boundary.
    /// </summary>
    public bool Matches(string registry, string repository)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(repository);

        if (!TrySplitHostPort(CredentialHost.Canonicalize(registry), out var imageHost, out var imagePort))
        {
            return false;
        }

        if (!string.Equals(Port, imagePort, StringComparison.Ordinal) || !HostMatches(imageHost))
        {
            return false;
        }

        return PathPrefix.Length == 0
            || repository.Equals(PathPrefix, StringComparison.Ordinal)
            || repository.StartsWith(PathPrefix + "/", StringComparison.Ordinal);
    }

    /// <summary>Higher is more specific: an exact host beats a glob; a longer path beats a shorter.</summary>
    public int Specificity => (Host.Contains('*', StringComparison.Ordinal) ? 0 : 10_000) + PathPrefix.Length;

    /// <summary>The key in canonical text form, for messages.</summary>
    public override string ToString() =>
        Host + (Port is null ? "" : ":" + Port) + (PathPrefix.Length == 0 ? "" : "/" + PathPrefix);

    /// <summary>Splits <c>host[:port]</c>; IPv6 hosts are bracketed (<c>[::1]:5000</c>).</summary>
    internal static bool TrySplitHostPort(string authority, out string host, out string? port)
    {
        host = authority;
        port = null;
        var portStart = -1;
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return false;
            }

            host = authority[..(close + 1)];
            if (close + 1 < authority.Length)
            {
                if (authority[close + 1] != ':')
                {
                    return false;
                }

                portStart = close + 2;
            }
        }
        else
        {
            var colon = authority.LastIndexOf(':');
            if (colon >= 0)
            {
                host = authority[..colon];
                portStart = colon + 1;
            }
        }

        if (portStart >= 0)
        {
            port = authority[portStart..];
            if (port.Length == 0 || !port.All(char.IsAsciiDigit))
            {
                return false;
            }
        }

        return host.Length > 0;
    }

    private bool HostMatches(string imageHost)
    {
        if (!Host.Contains('*', StringComparison.Ordinal))
        {
            return string.Equals(Host, imageHost, StringComparison.Ordinal);
        }

        // Globs match label by label, like the kubelet: "*.example.com" is not "example.com".
        var patternLabels = Host.Split('.');
        var hostLabels = imageHost.Split('.');
        if (patternLabels.Length != hostLabels.Length)
        {
            return false;
        }

        for (var i = 0; i < patternLabels.Length; i++)
        {
            if (!GlobMatches(patternLabels[i], hostLabels[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool GlobMatches(string pattern, string text)
    {
        var star = pattern.IndexOf('*', StringComparison.Ordinal);
        if (star < 0)
        {
            return string.Equals(pattern, text, StringComparison.Ordinal);
        }

        var prefix = pattern[..star];
        var remainder = pattern[(star + 1)..];
        if (!text.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        // Let the star eat 0..n characters and match the remainder (which may hold more stars).
        for (var consumed = prefix.Length; consumed <= text.Length; consumed++)
        {
            if (GlobMatches(remainder, text[consumed..]))
            {
                return true;
            }
        }

        return false;
    }
}
