using System.Text.Json;
using ImageCacheFunctions.Eci.Models;
using ImageCacheFunctions.ImageCaches.Credentials;
using ImageCacheFunctions.ImageCaches.Reconcile;
using ImageCacheFunctions.ImageCaches.Resources;
using ImageCacheFunctions.ImageCaches.Settings;
using ImageCache = ImageCacheFunctions.ImageCaches.Resources.ImageCache;

namespace ImageCacheFunctions.ImageCaches.Operations.Eci;

/// <summary>
/// ECI requests built from an ImageCache's spec, the resolved registry credentials and the
/// configured network settings. Images are sent as written in the spec (ECI resolves them as the
/// kubelet would), each once.
/// </summary>
public static class EciCacheRequests
{
    /// <summary>CreateImageCache: every setting the annotations and defaults ask for (docs/annotations.md).</summary>
    public static CreateImageCacheRequest Create(ImageCache cache, PlannedCreate planned, IReadOnlyList<RegistryCredential> credentials, EciCacheOptions options, int? sizeGiB = null)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(planned);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(options);
        var settings = planned.Settings;
        var images = Images(cache.Spec);
        var request = new CreateImageCacheRequest
        {
            SecurityGroupId = settings.SecurityGroupId ?? throw new InvalidOperationException("Eci:SecurityGroupId is not set."),
            VSwitchId = settings.VSwitchIds ?? throw new InvalidOperationException("Eci:VSwitchId is not set."),
            ZoneId = settings.ZoneId,
            PlainHttpRegistry = settings.PlainHttpRegistry,
            InsecureRegistry = settings.InsecureRegistry,
            OsType = settings.OsType switch { "windows" => "Windows", "linux" => "Linux", _ => null },
            // CreateImageCache has no architecture parameter; its free-form Annotations carries the
            // ImageCache annotation as written, the way the virtual node passes it on.
            Annotations = settings.CpuArch is { } arch ? JsonSerializer.Serialize(new Dictionary<string, string> { [ImageCacheAnnotations.CpuArch] = arch }) : null,
            ImageCacheName = planned.ImageCacheName,
            Images = images,
            Tags = EciOwnerTags.For(cache),
        };
        request = Shared(request, cache, settings, images, credentials, planned.ClientToken, withRoles: true);
        return sizeGiB is null ? request : request with { ImageCacheSize = sizeGiB };
    }

    /// <summary>UpdateImageCache: the spec, and the settings UpdateImageCache takes (no zone, registry protocol, platform or ACR roles).</summary>
    public static UpdateImageCacheRequest Update(ImageCache cache, PlannedUpdate planned, IReadOnlyList<RegistryCredential> credentials)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(planned);
        ArgumentNullException.ThrowIfNull(credentials);
        var settings = planned.Settings;
        var images = Images(cache.Spec);
        var request = new UpdateImageCacheRequest
        {
            ImageCacheId = planned.ImageCacheId,
            Images = images,
            SecurityGroupId = settings.SecurityGroupId,
            VSwitchId = settings.VSwitchIds,
        };
        return Shared(request, cache, settings, images, credentials, planned.ClientToken, withRoles: false);
    }

    /// <summary>What Create and Update both take: the spec's size and retention, logins, token, and the updatable settings.</summary>
    private static T Shared<T>(T request, ImageCache cache, CacheSettings settings, List<string> images, IReadOnlyList<RegistryCredential> credentials, string clientToken, bool withRoles)
        where T : ImageCacheSettingsRequest =>
        (T)(request with
        {
            ImageCacheSize = cache.Spec.EffectiveImageCacheSize,
            RetentionDays = cache.Spec.RetentionDays,
            ImageRegistryCredentials = Credentials(credentials),
            ClientToken = clientToken,
            EipInstanceId = settings.EipInstanceId,
            ResourceGroupId = settings.ResourceGroupId,
            AutoMatchImageCache = settings.EnableReuse,
            Flash = settings.Flash,
            FlashCopyCount = settings.FlashCopyCount,
            StandardCopyCount = settings.StandardCopyCount,
            EliminationStrategy = settings.EliminationStrategy,
            AcrRegistryInfos = Acr(settings, images, withRoles),
        });

    private static List<AcrRegistryInfo>? Acr(CacheSettings settings, List<string> images, bool withRoles)
    {
        var instances = settings.AcrInstances;
        if (instances.Count == 0)
        {
            return null;
        }

        var domains = AcrRegistryDomains.For(instances, images);
        var serviceArns = CacheSettings.Split(settings.AcrServiceArns).ToList();
        var userArns = CacheSettings.Split(settings.AcrUserArns).ToList();
        return instances.Select((i, n) => new AcrRegistryInfo(
                i.InstanceId,
                RegionId: string.IsNullOrEmpty(i.RegionId) ? null : i.RegionId,
                Domains: domains.GetValueOrDefault(i.InstanceId),
                ArnService: withRoles ? Nth(serviceArns, n) : null,
                ArnUser: withRoles ? Nth(userArns, n) : null))
            .ToList();
    }

    // One ARN for all instances, or one per instance in order.
    private static string? Nth(List<string> arns, int n) => arns.Count switch { 0 => null, 1 => arns[0], _ => arns[n] };

    /// <summary>The spec's images as sent to ECI: each once, blanks left out.</summary>
    public static List<string> Images(ImageCacheSpec spec) =>
        spec.Images.Where(i => !string.IsNullOrWhiteSpace(i)).Distinct(StringComparer.Ordinal).ToList();

    private static List<ImageRegistryCredential>? Credentials(IReadOnlyList<RegistryCredential> credentials) =>
        credentials.Count == 0 ? null : credentials.Select(c => new ImageRegistryCredential(c.Server, c.UserName, c.Password)).ToList();
}
