using ImageCacheFunctions.ImageCaches.Resources;
using ImageCacheFunctions.ImageCaches.Settings;

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

/// <summary>
/// CreateImageCache to call. <paramref name="Replaces"/> is the failed or vanished cache the new
/// one stands in for (a failed or vanished one, or one whose create-only settings changed); a
/// replaced cache that ECI still lists is deleted once status names the new one.
/// <paramref name="Settings"/> are the parameters the annotations and defaults ask for.
/// </summary>
public sealed record PlannedCreate(string ClientToken, string ImageCacheName, string? Replaces, CacheSettings Settings);

/// <summary>UpdateImageCache to call, with the current spec (and refresh) of the object and the settings UpdateImageCache takes.</summary>
public sealed record PlannedUpdate(string ImageCacheId, string ClientToken, CacheSettings Settings);
