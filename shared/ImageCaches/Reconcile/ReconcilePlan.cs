using ImageCacheFunctions.ImageCaches.Resources;

namespace ImageCacheFunctions.ImageCaches.Reconcile;

/// <summary>
/// What one pass does for one object. <see cref="Status"/> is what ECI says now (to be written,
/// when it differs, before acting); at most one of <see cref="Create"/> and <see cref="Update"/>
/// is set; <see cref="Superseded"/> are other caches of the object, deleted once status names
/// the current one.
/// </summary>
public sealed record ReconcilePlan(
    ImageCacheStatus Status,
    ObservedCache? Current,
    IReadOnlyList<ObservedCache> Superseded,
    PlannedCreate? Create,
    PlannedUpdate? Update)
{
    /// <summary>True when the pass must call ECI to create or update.</summary>
    public bool NeedsEciChange => Create is not null || Update is not null;
}
