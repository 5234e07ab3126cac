using ImageCacheFunctions.ImageCaches.Images;

namespace ImageCacheFunctions.ImageCaches.Api;

/// <summary>
/// One image of a cache's spec.images: as written, parsed (null when it does not parse, so it
/// can match nothing) and the digest status.images recorded for it when the cache was built.
/// </summary>
public sealed record CachedImage(string Written, ImageReference? Reference, Digest? RecordedDigest)
{
    /// <summary>
    /// True when a pod asking for <paramref name="wanted"/> gets this image from the cache: the
    /// same repository (aliases folded, <see cref="ImageReference.RepositoryKey"/>) and an exact
    /// match of what the pod pulls. A pod reference with a digest pulls that digest, so the
    /// digest decides (the one written in spec.images, or the one recorded when a tag was
    /// cached); a pod reference with only a tag needs the same tag. No "close" tags: ECI's
    /// matching degree counts images, and an image at another tag is another image.
    /// </summary>
    public bool Holds(ImageReference wanted)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        if (Reference is null || !string.Equals(Reference.RepositoryKey, wanted.RepositoryKey, StringComparison.Ordinal))
        {
            return false;
        }

        if (wanted.Digest is { } digest)
        {
            return Reference.Digest == digest || RecordedDigest == digest;
        }

        return Reference.EffectiveTag is { } tag && string.Equals(tag, wanted.EffectiveTag, StringComparison.Ordinal);
    }
}
