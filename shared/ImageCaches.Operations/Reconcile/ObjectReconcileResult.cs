namespace ImageCacheFunctions.ImageCaches.Operations.Reconcile;

/// <summary>What a pass did to one ImageCache object.</summary>
/// <param name="Name">The object.</param>
/// <param name="Outcome">The main thing that happened.</param>
/// <param name="Phase">status.phase afterwards.</param>
/// <param name="ImageCacheId">status.imageCacheId afterwards.</param>
/// <param name="StatusChanged">Whether status was written.</param>
/// <param name="DeletedCaches">ECI caches deleted (finalization, or superseded ones).</param>
/// <param name="Message">Why it was blocked or failed; null otherwise.</param>
public sealed record ObjectReconcileResult(
    string Name,
    ObjectReconcileOutcome Outcome,
    string? Phase = null,
    string? ImageCacheId = null,
    bool StatusChanged = false,
    int DeletedCaches = 0,
    string? Message = null);
