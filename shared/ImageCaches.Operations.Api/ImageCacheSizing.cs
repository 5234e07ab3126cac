using ImageCacheFunctions.ImageCaches.Sizing;
using ImageCacheFunctions.ImageCaches.Resources;
using k8s.Models;

namespace ImageCacheFunctions.ImageCaches.Operations.Api;

/// <summary>
/// The disk-size check of an ImageCache, applied only where the images' size is known. Neither
/// the ImageCache spec nor ECI reports image sizes, so the owner states it: the annotation
/// <see cref="ImagesSizeAnnotation"/> holds the images' total (uncompressed) size as a Kubernetes
/// quantity, e.g. <c>12Gi</c>. Without it the check is skipped.
/// </summary>
/// <remarks>
/// ECI's documentation ("Manage image caches", CreateImageCache) says: "If the total image size
/// exceeds the specified cache size, the creation fails", so a size below the images' is
/// denied. The brief for this check asks for twice the images' size (room for the pulled
/// layers and their unpacked copies while the cache is built), the same default factor the
/// reconcile's measured sizing uses (<see cref="CacheSizePolicy.DefaultFactor"/>); the ECI pages
/// found here do not state that factor, so a size between one and two times the images' is a
/// warning, not a denial.
/// </remarks>
public static class ImageCacheSizing
{
    /// <summary>Total size of the cache's images (Kubernetes quantity, e.g. <c>12Gi</c>).</summary>
    public const string ImagesSizeAnnotation = ImageCacheResource.Prefix + "/images-size";

    private const decimal GiB = 1024m * 1024m * 1024m;

    /// <summary>Problems of <paramref name="imageCacheSizeGiB"/> against the annotation's value (none when it is absent).</summary>
    public static IEnumerable<AdmissionProblem> Check(string? imagesSize, int imageCacheSizeGiB)
    {
        if (string.IsNullOrWhiteSpace(imagesSize))
        {
            yield break;
        }

        var field = $"metadata.annotations[{ImagesSizeAnnotation}]";
        decimal bytes;
        try
        {
            bytes = new ResourceQuantity(imagesSize.Trim()).ToDecimal();
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException)
        {
            bytes = -1;
        }

        if (bytes <= 0)
        {
            yield return new AdmissionProblem(field, AdmissionProblem.Invalid,
                $"Invalid value: \"{Shorten(imagesSize)}\": must be the images' total size as a positive quantity such as 12Gi or 900Mi", Denies: true, imagesSize);
            yield break;
        }

        var needed = Math.Ceiling(bytes / GiB);
        var value = $"{imagesSize}@{imageCacheSizeGiB}";
        if (imageCacheSizeGiB < needed)
        {
            yield return new AdmissionProblem("spec.imageCacheSize", AdmissionProblem.Invalid,
                $"Invalid value: {imageCacheSizeGiB}: the images take {imagesSize.Trim()} ({field}), more than the cache's {imageCacheSizeGiB} GiB; ECI fails to create a cache smaller than its images",
                Denies: true, value);
        }
        else if (imageCacheSizeGiB < Math.Ceiling(needed * (decimal)CacheSizePolicy.DefaultFactor))
        {
            yield return new AdmissionProblem("spec.imageCacheSize", AdmissionProblem.Invalid,
                $"{imageCacheSizeGiB} GiB is less than {CacheSizePolicy.DefaultFactor}x the images' {imagesSize.Trim()}; give the cache at least {Math.Ceiling(needed * (decimal)CacheSizePolicy.DefaultFactor)} GiB",
                Denies: false, value);
        }
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..37] + "...";
}
