namespace ImageCacheFunctions.ImageCaches.Api;

/// <summary>How a pod's annotations ask ECI to pick an image cache.</summary>
public enum CacheSelectionMode
{
    /// <summary>No cache annotation (or automatic match switched off).</summary>
    None,

    /// <summary>Automatic match: ECI ranks the Ready caches.</summary>
    AutoMatch,

    /// <summary>One cache named by id; it wins over automatic match.</summary>
    Explicit,
}
