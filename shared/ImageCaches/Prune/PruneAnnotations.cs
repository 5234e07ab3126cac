using ImageCacheFunctions.ImageCaches.Resources;

namespace ImageCacheFunctions.ImageCaches.Prune;

/// <summary>
/// The annotations pruning reads. The protect annotation is defined with the resource
/// (<see cref="ImageCacheResource.ProtectAnnotation"/>); the unused opt-in is pruning's own.
/// </summary>
public static class PruneAnnotations
{
    /// <summary>
    /// Opts a cache in to (or out of) the Unused policy: <c>"true"</c> (after the configured number
    /// of days), a whole number of days such as <c>"14"</c>, or <c>"false"</c> (never, even when
    /// the global setting prunes every unused cache).
    /// </summary>
    public const string PruneUnused = ImageCacheResource.Prefix + "/prune-unused-after-days";

    /// <summary>
    /// The protect annotation is honoured whatever its value, except an explicit <c>"false"</c>:
    /// a typo must never make a protected cache deletable.
    /// </summary>
    public static bool IsProtected(string? value) =>
        value is not null && !string.Equals(value.Trim(), "false", StringComparison.OrdinalIgnoreCase);
}
