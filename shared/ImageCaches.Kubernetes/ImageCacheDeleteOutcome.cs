namespace ImageCacheFunctions.ImageCaches.Kubernetes;

/// <summary>How a DELETE ended.</summary>
public enum ImageCacheDeleteOutcome
{
    /// <summary>The object is gone.</summary>
    Deleted,

    /// <summary>deletionTimestamp is set; the object stays until its finalizers are removed.</summary>
    Pending,

    /// <summary>There was no such object.</summary>
    NotFound,
}
