namespace ImageCacheFunctions.ImageCaches.Resources;

/// <summary>
/// Reasons of the Kubernetes Events the functions record on ImageCache objects (UpperCamelCase,
/// as Kubernetes reasons are). One place, so <c>kubectl get events --field-selector reason=…</c> is stable.
/// </summary>
public static class ImageCacheEventReasons
{
    public const string Created = "CacheCreated";
    public const string CreateFailed = "CacheCreateFailed";
    public const string RefreshRequested = "RefreshRequested";
    public const string Updated = "CacheUpdated";
    public const string UpdateFailed = "CacheUpdateFailed";
    public const string Ready = "CacheReady";
    public const string Failed = "CacheFailed";
    public const string Missing = "CacheMissing";
    public const string Recreated = "CacheRecreated";
    public const string Deleted = "CacheDeleted";

    /// <summary>DeleteImageCache failed and ECI still lists the cache: the finalizer stays and the next pass retries.</summary>
    public const string DeleteFailed = "CacheDeleteFailed";
    public const string Pruned = "Pruned";
    public const string CredentialsProblem = "ImagePullSecretProblem";

    /// <summary>The spec is beyond what ECI takes (images, secrets, reference lengths): nothing is sent until it is fixed.</summary>
    public const string InvalidSpec = "InvalidSpec";
}

