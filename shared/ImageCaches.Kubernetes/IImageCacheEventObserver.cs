using ImageCacheFunctions.ImageCaches.Resources;

namespace ImageCacheFunctions.ImageCaches.Kubernetes;

/// <summary>
/// Told of every Event <see cref="ImageCacheEventRecorder"/> records (whether or not the API
/// accepted it), so the same state change can travel elsewhere. Must return at once and never throw.
/// </summary>
public interface IImageCacheEventObserver
{
    void Recorded(ImageCache cache, string type, string reason, string message);
}
