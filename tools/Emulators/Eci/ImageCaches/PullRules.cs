namespace ImageCacheFunctions.Emulators.Eci.ImageCaches;

/// <summary>
/// Decides whether an image can be pulled: not from an unreachable registry, and from a private
/// registry only with an ImageRegistryCredential for that server.
/// </summary>
internal sealed class PullRules(ISet<string> unreachable, ISet<string> privateRegistries)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, long> _sizes = new(StringComparer.Ordinal);

    /// <summary>Gives an image a size in bytes (unpacked); images without one take no room.</summary>
    public void SetImageSize(string image, long bytes)
    {
        lock (_gate)
        {
            _sizes[image] = bytes;
        }
    }

    /// <summary>The size given to <paramref name="image"/>, 0 when none was.</summary>
    public long SizeOf(string image)
    {
        lock (_gate)
        {
            return _sizes.GetValueOrDefault(image);
        }
    }

    /// <summary>The registry host of an image reference (<c>docker.io</c> when none is named).</summary>
    public static string RegistryOf(string image)
    {
        int slash = image.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return "docker.io";
        }

        string first = image[..slash];
        return first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost"
            ? first.ToLowerInvariant()
            : "docker.io";
    }

    public void SetUnreachable(string registry, bool value)
    {
        lock (_gate)
        {
            if (value)
            {
                unreachable.Add(registry);
            }
            else
            {
                unreachable.Remove(registry);
            }
        }
    }

    public void SetPrivate(string registry, bool value)
    {
        lock (_gate)
        {
            if (value)
            {
                privateRegistries.Add(registry);
            }
            else
            {
                privateRegistries.Remove(registry);
            }
        }
    }

    /// <summary>Why pulling <paramref name="image"/> fails, or null when it succeeds.</summary>
    public string? FailureOf(string image, IReadOnlySet<string> credentialServers)
    {
        lock (_gate)
        {
            // Asked for every cache on every Describe page: without a rule, the image is not even parsed.
            if (unreachable.Count == 0 && privateRegistries.Count == 0)
            {
                return null;
            }

            string registry = RegistryOf(image);
            if (unreachable.Contains(registry))
            {
                return $"Failed to pull image {image}: dial tcp: lookup {registry}: no such host";
            }

            if (privateRegistries.Contains(registry) && !credentialServers.Contains(registry))
            {
                return $"Failed to pull image {image}: pull access denied for {registry}, repository does not exist or may require authorization: unauthorized: authentication required";
            }
        }

        return null;
    }
}
