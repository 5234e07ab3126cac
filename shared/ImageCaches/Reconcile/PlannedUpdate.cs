using ImageCacheFunctions.ImageCaches.Settings;

namespace ImageCacheFunctions.ImageCaches.Reconcile;

/// <summary>UpdateImageCache to call, with the current spec (and refresh) of the object and the settings UpdateImageCache takes.</summary>
public sealed record PlannedUpdate(string ImageCacheId, string ClientToken, CacheSettings Settings);
