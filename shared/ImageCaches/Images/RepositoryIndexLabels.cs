using ImageCacheFunctions.ImageCaches.Reconcile;
using ImageCacheFunctions.ImageCaches.Refresh;
using ImageCacheFunctions.ImageCaches.Resources;

namespace ImageCacheFunctions.ImageCaches.Images;

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
