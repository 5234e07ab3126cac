namespace ImageCacheFunctions.ImageCaches.Operations.Prune;

/// <summary>
/// Event reasons of prune beyond the shared ones (<see cref="Resources.ImageCacheEventReasons.Pruned"/>
/// is recorded for each deletion).
/// </summary>
public static class PruneEventReasons
{
    /// <summary>Warning: the run selected more than its cap allows and deleted nothing.</summary>
    public const string Capped = "PruneCapped";
}
