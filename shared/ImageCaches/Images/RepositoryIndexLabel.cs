using System.Security.Cryptography;
using System.Text;
using ImageCacheFunctions.ImageCaches.Reconcile;
using ImageCacheFunctions.ImageCaches.Refresh;
using ImageCacheFunctions.ImageCaches.Resources;

namespace ImageCacheFunctions.ImageCaches.Images;

/// <summary>
/// The index label an ImageCache carries for each repository its images reference, so that a
/// push finds its caches with a label selector instead of listing every object.
/// </summary>
/// <remarks>
/// Key: <c>repo.imagecache.functions.openfaas.dev/&lt;h&gt;</c> where <c>h</c> is the first 32
/// lower-case hex digits (128 bits) of SHA-256 over the UTF-8 <see cref="ImageReference.RepositoryKey"/>:
/// a valid name part (≤ 63 characters of [a-z0-9]) whatever the repository, deterministic, and
/// alias-insensitive because the key folds aliases. Value: the repository's last path
/// component cut to 63 characters (always a valid label value), a hint for people reading
/// <c>kubectl get ic --show-labels</c>; it is derived from the key, so the equality selector
/// <c>key=value</c> is as exact as the key alone. Tags are not in the label: one label per
/// repository; match the tag with <see cref="ImageReference.Matches"/> after selecting.
/// </remarks>
public static class RepositoryIndexLabel
{
    /// <summary>Hex digits of the hash kept in the key's name part.</summary>
    public const int HashLength = 32;

    private const int MaxLabelValueLength = 63;

    /// <summary>The label (key, value) that indexes <paramref name="image"/>'s repository.</summary>
    public static (string Key, string Value) For(ImageReference image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return (KeyFor(image.RepositoryKey), ValueFor(image.Repository));
    }

    /// <summary>Label selector (<c>key=value</c>) for the ImageCaches that reference <paramref name="image"/>'s repository.</summary>
    public static string Selector(ImageReference image)
    {
        var (key, value) = For(image);
        return $"{key}={value}";
    }

    /// <summary>The index labels for a set of images: one per distinct repository.</summary>
    public static IReadOnlyDictionary<string, string> ForImages(IEnumerable<ImageReference> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var image in images)
        {
            var (key, value) = For(image);
            labels[key] = value;
        }

        return labels;
    }

    /// <summary>True for a label key this index owns (to replace stale index labels on an object).</summary>
    public static bool IsIndexLabel(string key) =>
        key is not null && key.StartsWith(ImageCacheResource.RepositoryLabelPrefix, StringComparison.Ordinal);

    /// <summary>The key for a <see cref="ImageReference.RepositoryKey"/>.</summary>
    public static string KeyFor(string repositoryKey)
    {
        ArgumentNullException.ThrowIfNull(repositoryKey);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(repositoryKey));
        return ImageCacheResource.RepositoryLabelPrefix + Convert.ToHexStringLower(hash)[..HashLength];
    }

    private static string ValueFor(string repository)
    {
        // A parsed repository is already label-safe; filtering keeps a hand-built one safe too.
        var last = new string(repository[(repository.LastIndexOf('/') + 1)..]
            .Where(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')
            .Take(MaxLabelValueLength)
            .ToArray());
        last = last.Trim('.', '_', '-');
        return last.Length == 0 ? "repository" : last;
    }
}

/// <summary>
/// The repository index labels an ImageCache must carry (one per repository in spec.images, see
/// <see cref="RepositoryIndexLabel"/>) and the label changes that bring an object there. Pure.
/// </summary>
public static class RepositoryIndexLabels
{
    /// <summary>The index labels <paramref name="spec"/> calls for (entries that do not parse have none).</summary>
    public static IReadOnlyDictionary<string, string> Desired(ImageCacheSpec? spec) =>
        // A spec over ECI's image limit is never cached: a label per image would only cost writes.
        ImageCacheLimits.TooManyImages(spec)
            ? new Dictionary<string, string>()
            : RepositoryIndexLabel.ForImages(SpecImage.Of(spec).Select(i => i.Reference));

    /// <summary>
    /// Labels to set (value) or remove (null) so that the object's index labels are exactly the
    /// desired ones; other labels are never touched. Empty when the object is up to date.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> Changes(ImageCache cache)
    {
        ArgumentNullException.ThrowIfNull(cache);
        var desired = Desired(cache.Spec);
        var current = cache.Metadata?.Labels ?? new Dictionary<string, string>();
        var changes = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, value) in desired)
        {
            if (!current.TryGetValue(key, out var existing) || existing != value)
            {
                changes[key] = value;
            }
        }

        foreach (var key in current.Keys.Where(RepositoryIndexLabel.IsIndexLabel))
        {
            if (!desired.ContainsKey(key))
            {
                changes[key] = null;
            }
        }

        return changes;
    }
}
