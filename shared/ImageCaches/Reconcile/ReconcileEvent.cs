namespace ImageCacheFunctions.ImageCaches.Reconcile;

/// <summary>A Kubernetes Event to record on the object (type Normal/Warning, reason from ImageCacheEventReasons).</summary>
public sealed record ReconcileEvent(string Type, string Reason, string Message);
