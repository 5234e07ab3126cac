namespace ImageCacheFunctions.ImageCaches.Reconciliation;

/// <summary>
/// CreateImageCache to call. <paramref name="Replaces"/> is the failed or vanished cache the new
/// one stands in for; a replaced cache that ECI still lists is deleted once status names the new one.
/// </summary>
public sealed record PlannedCreate(string ClientToken, string ImageCacheName, string? Replaces);
