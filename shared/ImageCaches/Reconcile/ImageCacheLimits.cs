using ImageCacheFunctions.ImageCaches.Images;
using ImageCacheFunctions.ImageCaches.Resources;
using ImageCacheFunctions.ImageCaches.Text;

namespace ImageCacheFunctions.ImageCaches.Reconcile;

/// <summary>
/// What ECI can never take, checked before any call: more images than
/// <see cref="ImageCacheSpec.MaxImages"/>, more secrets than
/// <see cref="ImageCacheSpec.MaxImagePullSecrets"/>, an image reference longer than
/// <see cref="ImageReference.MaxLength"/>. Such an object is blocked with reason
/// <see cref="ImageCacheEventReasons.InvalidSpec"/> and a short message (the admission webhook
/// denies the same objects; this catches those admitted without it).
/// </summary>
public static class ImageCacheLimits
{
    /// <summary>Null when the spec is within ECI's limits; else why not, in a message of bounded length.</summary>
    public static ReconcileBlocker? Check(ImageCacheSpec? spec)
    {
        var images = spec?.Images ?? [];
        if (images.Count > ImageCacheSpec.MaxImages)
        {
            return Blocked($"spec.images lists {images.Count} images; ECI caches at most {ImageCacheSpec.MaxImages} in one image cache: split them over several ImageCache objects");
        }

        for (var i = 0; i < images.Count; i++)
        {
            if (images[i] is { Length: > ImageReference.MaxLength } image)
            {
                return Blocked($"spec.images[{i}] is {image.Length} characters long; an image reference has at most {ImageReference.MaxLength}: \"{BoundedText.Quote(image)}\"");
            }
        }

        if (spec?.ImagePullSecrets is { Count: > ImageCacheSpec.MaxImagePullSecrets } secrets)
        {
            return Blocked($"spec.imagePullSecrets lists {secrets.Count} secrets; ECI takes at most {ImageCacheSpec.MaxImagePullSecrets} registry credentials");
        }

        return null;
    }

    /// <summary>True when the spec lists more images than ECI caches: such an object gets no index labels.</summary>
    public static bool TooManyImages(ImageCacheSpec? spec) => spec?.Images is { Count: > ImageCacheSpec.MaxImages };

    private static ReconcileBlocker Blocked(string message) => new(ImageCacheEventReasons.InvalidSpec, message);
}
