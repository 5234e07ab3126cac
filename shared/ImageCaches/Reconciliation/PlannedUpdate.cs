namespace ImageCacheFunctions.ImageCaches.Reconciliation;

/// <summary>UpdateImageCache to call, with the current spec (and refresh) of the object.</summary>
public sealed record PlannedUpdate(string ImageCacheId, string ClientToken);
