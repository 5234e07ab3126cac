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
