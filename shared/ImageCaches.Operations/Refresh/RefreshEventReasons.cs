using ImageCacheFunctions.ImageCaches.Resources;

namespace ImageCacheFunctions.ImageCaches.Operations.Refresh;

/// <summary>Reasons of the Kubernetes Events the webhook records on ImageCache objects.</summary>
public static class RefreshEventReasons
{
    /// <summary>A push asked for a refresh; it was recorded in status.pendingRefresh.</summary>
    public const string RefreshRequested = ImageCacheEventReasons.RefreshRequested;

    /// <summary>A push matched the cache but needs nothing (already cached, already pending, pinned, same delivery).</summary>
    public const string RefreshNotNeeded = "RefreshNotNeeded";

    /// <summary>The object was created by an auto-create rule for a push.</summary>
    public const string AutoCreated = "AutoCreated";
}
