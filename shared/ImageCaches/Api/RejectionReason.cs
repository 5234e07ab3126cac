namespace ImageCacheFunctions.ImageCaches.Api;

/// <summary>Why a cache cannot be chosen by automatic match.</summary>
public enum RejectionReason
{
    /// <summary>Not Ready (only a Ready cache can be used).</summary>
    NotReady,

    /// <summary>No ECI cache id yet.</summary>
    NoImageCacheId,

    /// <summary>expireDateTime has passed.</summary>
    Expired,

    /// <summary>The object is being deleted.</summary>
    BeingDeleted,

    /// <summary>It holds none of the pod's images.</summary>
    NoImageMatched,

    /// <summary>The pod asked for a perfect match and the cache lacks some images.</summary>
    NotAllImagesMatched,

    /// <summary>The pod asked for a minimum number of matched images and the cache holds fewer.</summary>
    TooFewImagesMatched,
}
