using ImageCacheFunctions.ImageCaches.Resources;

namespace ImageCacheFunctions.ImageCaches.Refresh;

/// <summary>
/// What a set of pushes means for one ImageCache: a decision per (spec image, push) that
/// matched, and the pending refresh to write when at least one of them asks for a refresh.
/// </summary>
/// <param name="Decisions">One per spec image a push matched; empty when none matched.</param>
/// <param name="Pending">status.pendingRefresh as it must be written; null when nothing changes.</param>
public sealed record RefreshPlan(IReadOnlyList<ImageRefreshDecision> Decisions, PendingRefresh? Pending)
{
    /// <summary>No spec image matched any push.</summary>
    public static RefreshPlan None { get; } = new([], null);

    /// <summary>At least one spec image matched a push.</summary>
    public bool Matched => Decisions.Count > 0;

    /// <summary>A refresh is recorded (or merged) by this plan.</summary>
    public bool RequestsRefresh => Pending is not null;

    /// <summary>Every push was already covered by what the object records (duplicates only).</summary>
    public bool OnlyDuplicates => Matched && Decisions.All(d => d.Kind is RefreshDecisionKind.AlreadyCached or RefreshDecisionKind.AlreadyPending or RefreshDecisionKind.SameDelivery or RefreshDecisionKind.OlderPush);

    /// <summary>A refresh the object already records is still waiting to be handed to ECI.</summary>
    public bool CoveredByPending => Decisions.Any(d => d.Kind is RefreshDecisionKind.AlreadyPending or RefreshDecisionKind.SameDelivery);
}

/// <summary>The decision for one image of one ImageCache and one push.</summary>
/// <param name="SpecImage">The image as written in spec.images.</param>
/// <param name="Push">The push it is about.</param>
/// <param name="Kind">What the push means for that image.</param>
/// <param name="Reason">Why, in words (for the summary, the Event and the log).</param>
public sealed record ImageRefreshDecision(string SpecImage, ImagePush Push, RefreshDecisionKind Kind, string Reason)
{
    public bool RequestsRefresh => Kind == RefreshDecisionKind.Refresh;
}

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
