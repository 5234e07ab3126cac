using ImageCacheFunctions.Eci.Models;
using ImageCacheFunctions.ImageCaches.Credentials;
using ImageCacheFunctions.ImageCaches.Reconciliation;
using ImageCacheFunctions.ImageCaches.Resources;
using ImageCache = ImageCacheFunctions.ImageCaches.Resources.ImageCache;

namespace ImageCacheFunctions.ImageCaches.Operations.Eci;

/// <summary>
/// ECI requests built from an ImageCache's spec, the resolved registry credentials and the
/// configured network settings. Images are sent as written in the spec (ECI resolves them as the
/// kubelet would), each once.
/// </summary>
public static class EciCacheRequests
{
    public static CreateImageCacheRequest Create(ImageCache cache, PlannedCreate planned, IReadOnlyList<RegistryCredential> credentials, EciCacheOptions options)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(planned);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(options);
        return new CreateImageCacheRequest
        {
            SecurityGroupId = options.SecurityGroupId ?? throw new InvalidOperationException("Eci:SecurityGroupId is not set."),
            VSwitchId = options.VSwitchId ?? throw new InvalidOperationException("Eci:VSwitchId is not set."),
            ZoneId = Blank(options.ZoneId),
            EipInstanceId = Blank(options.EipInstanceId),
            ResourceGroupId = Blank(options.ResourceGroupId),
            AutoMatchImageCache = options.AutoMatchImageCache,
            ImageCacheName = planned.ImageCacheName,
            Images = Images(cache.Spec),
            ImageCacheSize = cache.Spec.EffectiveImageCacheSize,
            RetentionDays = cache.Spec.RetentionDays,
            ImageRegistryCredentials = Credentials(credentials),
            ClientToken = planned.ClientToken,
            Tags = EciOwnerTags.For(cache),
        };
    }

    public static UpdateImageCacheRequest Update(ImageCache cache, PlannedUpdate planned, IReadOnlyList<RegistryCredential> credentials)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(planned);
        ArgumentNullException.ThrowIfNull(credentials);
        return new UpdateImageCacheRequest
        {
            ImageCacheId = planned.ImageCacheId,
            Images = Images(cache.Spec),
            ImageCacheSize = cache.Spec.EffectiveImageCacheSize,
            RetentionDays = cache.Spec.RetentionDays,
            ImageRegistryCredentials = Credentials(credentials),
            ClientToken = planned.ClientToken,
        };
    }

    private static List<string> Images(ImageCacheSpec spec) =>
        spec.Images.Where(i => !string.IsNullOrWhiteSpace(i)).Distinct(StringComparer.Ordinal).ToList();

    private static List<ImageRegistryCredential>? Credentials(IReadOnlyList<RegistryCredential> credentials) =>
        credentials.Count == 0 ? null : credentials.Select(c => new ImageRegistryCredential(c.Server, c.UserName, c.Password)).ToList();

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
