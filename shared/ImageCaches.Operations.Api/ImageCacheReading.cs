using ImageCacheFunctions.ImageCaches.Kubernetes;
using ImageCacheFunctions.ImageCaches.Resources;

namespace ImageCacheFunctions.ImageCaches.Operations.Api;

/// <summary>Reads every ImageCache object (page by page, as the store does).</summary>
public static class ImageCacheReading
{
    public static async Task<IReadOnlyList<ImageCache>> ReadAllAsync(this ImageCacheStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var caches = new List<ImageCache>();
        await foreach (var cache in store.ListAsync(null, cancellationToken).ConfigureAwait(false))
        {
            caches.Add(cache);
        }

        return caches;
    }
}
