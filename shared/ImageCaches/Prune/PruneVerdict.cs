namespace ImageCacheFunctions.ImageCaches.Prune;

/// <summary>The outcome of the selection for one member.</summary>
public enum PruneVerdictKind
{
    /// <summary>No policy applies.</summary>
    Keep,

    /// <summary>Delete it under <see cref="PruneVerdict.Policy"/>.</summary>
    Prune,

    /// <summary>A policy applies (or nearly does) but the cache is kept; <see cref="PruneVerdict.Reason"/> says why.</summary>
    Skip,
}

/// <summary>What the selection decided for one member, and why, in words for the report and the Event.</summary>
/// <param name="Kind">Keep, prune or skip.</param>
/// <param name="Policy">The policy that matched (meaningless for Keep).</param>
/// <param name="Reason">For a skip, one of <see cref="PruneSkipReasons"/>; for a prune, the policy's wire name.</param>
/// <param name="Detail">A sentence with the facts that decided it.</param>
public readonly record struct PruneVerdict(PruneVerdictKind Kind, PrunePolicy Policy, string Reason, string Detail)
{
    public static PruneVerdict Keep => default;

    public static PruneVerdict Prune(PrunePolicy policy, string detail) =>
        new(PruneVerdictKind.Prune, policy, PrunePolicies.NameOf(policy), detail);

    public static PruneVerdict Skip(PrunePolicy policy, string reason, string detail) =>
        new(PruneVerdictKind.Skip, policy, reason, detail);
}
