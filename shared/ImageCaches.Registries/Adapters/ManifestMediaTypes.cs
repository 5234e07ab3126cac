namespace ImageCacheFunctions.ImageCaches.Registries.Adapters;

/// <summary>
/// Which pushed objects are manifests (kept) and which are blobs (layers, configs: dropped).
/// </summary>
internal static class ManifestMediaTypes
{
    private static readonly HashSet<string> Manifests = new(StringComparer.OrdinalIgnoreCase)
    {
        "application/vnd.docker.distribution.manifest.v1+json",
        "application/vnd.docker.distribution.manifest.v1+prettyjws",
        "application/vnd.docker.distribution.manifest.v2+json",
        "application/vnd.docker.distribution.manifest.list.v2+json",
        "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.oci.image.index.v1+json",
        "application/vnd.oci.artifact.manifest.v1+json",
    };

    /// <summary>
    /// A known manifest type is a manifest; otherwise the URL decides (<c>/manifests/</c> vs
    /// <c>/blobs/</c>); with neither, an unnamed type is taken as a manifest and a named one
    /// (<c>application/octet-stream</c>, layer and config types) as a blob.
    /// </summary>
    public static bool IsManifest(string? mediaType, string? url)
    {
        if (mediaType is not null && Manifests.Contains(mediaType))
        {
            return true;
        }

        if (url is not null && url.Contains("/manifests/", StringComparison.Ordinal))
        {
            return true;
        }

        if (url is not null && url.Contains("/blobs/", StringComparison.Ordinal))
        {
            return false;
        }

        return string.IsNullOrEmpty(mediaType);
    }
}
