using ImageCacheFunctions.ImageCaches.Images;

namespace ImageCacheFunctions.ImageCaches.Settings;

/// <summary>
/// The domains to send with each ACR Enterprise instance (<c>AcrRegistryInfo.N.Domain.M</c>):
/// the spec's image hosts of that instance's region in ACR Enterprise form
/// (<c>&lt;instance&gt;-registry[-vpc].&lt;region&gt;.cr.aliyuncs.com</c>), when the region has only
/// that one instance listed. Otherwise none: ECI then uses all of the instance's domains
/// ("By default, all domain names of the instance are displayed", CreateImageCache).
/// </summary>
public static class AcrRegistryDomains
{
    private const string AcrSuffix = ".cr.aliyuncs.com";

    /// <summary>Domains per instance id.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> For(IReadOnlyList<AcrInstance> instances, IEnumerable<string> images)
    {
        ArgumentNullException.ThrowIfNull(instances);
        ArgumentNullException.ThrowIfNull(images);
        var hosts = images
            .Select(i => ImageReference.TryParse(i, out var r, out _) ? r!.Registry : null)
            .OfType<string>()
            .Where(h => h.EndsWith(AcrSuffix, StringComparison.OrdinalIgnoreCase))
            .Select(h => h.ToLowerInvariant())
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var region in instances.GroupBy(i => i.RegionId, StringComparer.Ordinal).Where(g => g.Count() == 1))
        {
            var inRegion = hosts.Where(h => h.EndsWith("." + region.Key + AcrSuffix, StringComparison.Ordinal)).ToList();
            if (inRegion.Count > 0)
            {
                result[region.Single().InstanceId] = inRegion;
            }
        }

        return result;
    }
}
