namespace ImageCacheFunctions.ImageCaches.Prune;

/// <summary>
/// One cache of the fleet: an ImageCache object and its ECI cache, or either alone.
/// </summary>
/// <param name="Object">The ImageCache object, when one owns the ECI cache (or there is no ECI cache).</param>
/// <param name="Cache">The ECI cache, when ECI reported one.</param>
/// <param name="OwnerExists">
/// For an ECI cache without <paramref name="Object"/>: an object with the owner tag's name (and
/// uid) exists but records another cache id. Such a cache is never an orphan.
/// </param>
public sealed record FleetMember(ImageCacheObjectState? Object, EciCacheState? Cache, bool OwnerExists = false)
{
    /// <summary>The object's name, else ECI's cache name, else its id: what people recognise.</summary>
    public string DisplayName => Object?.Name ?? Cache?.Name ?? Cache?.ImageCacheId ?? string.Empty;

    /// <summary>The ECI cache id: the one ECI reported, else the one the object recorded.</summary>
    public string? ImageCacheId => Cache?.ImageCacheId ?? Object?.ImageCacheId;

    /// <summary>Size in GiB: ECI's, else the spec's.</summary>
    public int SizeGiB => Cache?.SizeGiB ?? Object?.SizeGiB ?? 0;
}
