namespace ImageCacheFunctions.ImageCaches.Kubernetes;

/// <summary>How a read-modify-write ended.</summary>
public enum ImageCacheUpdateOutcome
{
    /// <summary>The change was written.</summary>
    Updated,

    /// <summary>The mutation changed nothing (or declined), so nothing was written.</summary>
    Unchanged,

    /// <summary>The object does not exist (any more).</summary>
    NotFound,

    /// <summary>Every attempt met a newer resourceVersion; nothing of the last attempt was kept.</summary>
    Conflict,
}
