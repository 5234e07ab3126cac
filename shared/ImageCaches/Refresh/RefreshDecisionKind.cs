namespace ImageCacheFunctions.ImageCaches.Refresh;

/// <summary>What a push means for one image of one ImageCache.</summary>
public enum RefreshDecisionKind
{
    /// <summary>New content for a cached tag: a refresh is recorded (or merged into the pending one).</summary>
    Refresh,

    /// <summary>The digest is the one the cache last cached: a duplicate delivery or a re-push; nothing to do.</summary>
    AlreadyCached,

    /// <summary>A refresh to this digest (or, without a digest, any refresh of this image) is already pending.</summary>
    AlreadyPending,

    /// <summary>The same delivery was already recorded in the pending refresh (a sender's retry).</summary>
    SameDelivery,

    /// <summary>
    /// The registry says this push happened before the one pending or cached for the image (a
    /// late redelivery, out of order): it never replaces the newer digest.
    /// </summary>
    OlderPush,

    /// <summary>The spec pins the image by digest: a push to the tag does not change what the cache holds.</summary>
    Pinned,
}

/// <summary>Names of <see cref="RefreshDecisionKind"/> as they appear in summaries and logs.</summary>
public static class RefreshDecisionKinds
{
    public static string NameOf(RefreshDecisionKind kind) => kind switch
    {
        RefreshDecisionKind.Refresh => "refresh",
        RefreshDecisionKind.AlreadyCached => "already-cached",
        RefreshDecisionKind.AlreadyPending => "already-pending",
        RefreshDecisionKind.SameDelivery => "same-delivery",
        RefreshDecisionKind.Pinned => "pinned",
        RefreshDecisionKind.OlderPush => "older-push",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
