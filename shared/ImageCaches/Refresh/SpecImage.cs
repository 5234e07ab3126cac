using ImageCacheFunctions.ImageCaches.Images;
using ImageCacheFunctions.ImageCaches.Resources;

namespace ImageCacheFunctions.ImageCaches.Refresh;

/// <summary>One entry of spec.images: the text as written and its normalised reference.</summary>
/// <param name="Text">As written (status and the pending refresh key images by this text).</param>
/// <param name="Reference">The normalised reference.</param>
public sealed record SpecImage(string Text, ImageReference Reference)
{
    /// <summary>
    /// The spec's images that parse, in spec order, each text once. An entry that does not parse
    /// cannot be matched by any push (reconcile reports it when ECI refuses it).
    /// </summary>
    public static IReadOnlyList<SpecImage> Of(ImageCacheSpec? spec)
    {
        var images = new List<SpecImage>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in spec?.Images ?? [])
        {
            if (text is null || !seen.Add(text))
            {
                continue;
            }

            if (ImageReference.TryParse(text.Trim(), out var reference, out _))
            {
                images.Add(new SpecImage(text, reference!));
            }
        }

        return images;
    }

    /// <summary>The same repository (aliases folded) and the same effective tag as <paramref name="push"/>.</summary>
    public bool IsPushedBy(ImagePush push)
    {
        ArgumentNullException.ThrowIfNull(push);
        return string.Equals(Reference.RepositoryKey, push.Image.RepositoryKey, StringComparison.Ordinal)
            && string.Equals(Reference.EffectiveTag, push.Tag, StringComparison.Ordinal);
    }
}
