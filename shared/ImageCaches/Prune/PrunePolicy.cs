namespace ImageCacheFunctions.ImageCaches.Prune;

/// <summary>
/// Why a cache may be pruned. The order is the order of evaluation: a cache that matches
/// several policies is reported under the first one.
/// </summary>
public enum PrunePolicy
{
    /// <summary>An ECI cache tagged as ours whose ImageCache object no longer exists (after a grace period).</summary>
    Orphan,

    /// <summary>Failed for longer than ECI's failure retention (24 h).</summary>
    Failed,

    /// <summary>Its expiry (ECI's expireDateTime, or creation time + retentionDays) has passed.</summary>
    Expired,

    /// <summary>Not matched to a pod for N days (only caches that opt in, or all with the global setting).</summary>
    Unused,
}
