using ImageCacheFunctions.Eci.Models;
using ImageCacheFunctions.ImageCaches.Resources;
using ImageCache = ImageCacheFunctions.ImageCaches.Resources.ImageCache;

namespace ImageCacheFunctions.ImageCaches.Operations.Eci;

/// <summary>
/// The ECI tags that mark a cache as created by this product and name its ImageCache object.
/// The uid tag is what ownership is decided by (a new object of the same name is another owner);
/// the name tag is for people and for confirming an orphan.
/// </summary>
public static class EciOwnerTags
{
    /// <summary>ECI's limit for a tag value.</summary>
    public const int MaxValueLength = 128;

    /// <summary>The one tag every cache of this product carries: the Describe filter of a pass.</summary>
    public static ImageCacheTag ManagedBy { get; } = new(ImageCacheResource.EciManagedByTagKey, ImageCacheResource.EciManagedByTagValue);

    /// <summary>The tags of a cache created for <paramref name="cache"/>.</summary>
    public static IReadOnlyList<ImageCacheTag> For(ImageCache cache)
    {
        ArgumentNullException.ThrowIfNull(cache);
        var name = cache.Metadata.Name ?? "";
        return
        [
            ManagedBy,
            new ImageCacheTag(ImageCacheResource.EciOwnerTagKey, name.Length > MaxValueLength ? name[..MaxValueLength] : name),
            new ImageCacheTag(ImageCacheResource.EciOwnerUidTagKey, cache.Metadata.Uid),
        ];
    }

    /// <summary>The Describe filter for the caches of one object incarnation.</summary>
    public static IReadOnlyList<ImageCacheTag> OwnedBy(string uid) =>
        [ManagedBy, new ImageCacheTag(ImageCacheResource.EciOwnerUidTagKey, uid)];

    /// <summary>The value of a tag, or null.</summary>
    public static string? Value(IEnumerable<ImageCacheTag> tags, string key) =>
        tags.FirstOrDefault(t => string.Equals(t.Key, key, StringComparison.Ordinal))?.Value;
}
