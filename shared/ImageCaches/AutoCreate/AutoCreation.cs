using ImageCacheFunctions.ImageCaches.Images;
using ImageCacheFunctions.ImageCaches.Resources;
using k8s.Models;

namespace ImageCacheFunctions.ImageCaches.AutoCreate;

/// <summary>
/// Auto-create decisions: which rule (the first that covers a push) and the ImageCache it makes.
/// Pure: the same push and rules always give the same object.
/// </summary>
public static class AutoCreation
{
    /// <summary>The first rule covering <paramref name="image"/> (repository and tag), or null.</summary>
    public static AutoCreateRule? RuleFor(IEnumerable<AutoCreateRule> rules, ImageReference image)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(image);
        return rules.FirstOrDefault(r => r.Covers(image));
    }

    /// <summary>
    /// The new object: <see cref="ImageCacheName"/>'s name, the image (by tag, no digest: the
    /// cache follows the tag), the rule's settings, the repository index label and the
    /// auto-created-by label.
    /// </summary>
    public static ImageCache NewCache(AutoCreateRule rule, ImageReference image)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(image);
        var byTag = image with { Digest = null };
        var text = byTag.ToString();
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ImageCacheResource.AutoCreatedLabel] = rule.Name,
        };
        foreach (var (key, value) in RepositoryIndexLabel.ForImages([byTag]))
        {
            labels[key] = value;
        }

        var cache = ImageCache.Create(ImageCacheName.For(byTag), new ImageCacheSpec
        {
            Images = [text],
            ImageCacheSize = rule.ImageCacheSize,
            RetentionDays = rule.RetentionDays,
            ImagePullSecrets = rule.ImagePullSecrets.Count == 0 ? null : rule.ImagePullSecrets.ToList(),
        });
        cache.Metadata = new V1ObjectMeta { Name = cache.Metadata.Name, Labels = labels };
        return cache;
    }
}
