using ImageCacheFunctions.ImageCaches.Settings;

namespace ImageCacheFunctions.ImageCaches.Reconcile;

/// <summary>
/// CreateImageCache to call. <paramref name="Replaces"/> is the failed or vanished cache the new
/// one stands in for (a failed or vanished one, or one whose create-only settings changed); a
/// replaced cache that ECI still lists is deleted once status names the new one.
/// <paramref name="Settings"/> are the parameters the annotations and defaults ask for.
/// </summary>
public sealed record PlannedCreate(string ClientToken, string ImageCacheName, string? Replaces, CacheSettings Settings);
