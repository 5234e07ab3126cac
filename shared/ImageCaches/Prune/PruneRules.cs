namespace ImageCacheFunctions.ImageCaches.Prune;

/// <summary>The settings the selection applies (from the <c>Prune</c> options and the request).</summary>
public sealed record PruneRules
{
    /// <summary>ECI keeps a failed cache one day, then deletes it.</summary>
    public static readonly TimeSpan EciFailureRetention = TimeSpan.FromHours(24);

    /// <summary>The policies applied; a cache matching only others is kept.</summary>
    public IReadOnlySet<PrunePolicy> Policies { get; init; } = new HashSet<PrunePolicy>(PrunePolicies.All);

    /// <summary>
    /// Tolerated skew between ECI's timestamps and the local clock: every deadline must have
    /// passed by this much before it counts.
    /// </summary>
    public TimeSpan ClockSkewMargin { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a Failed cache is kept (ECI's failure retention).</summary>
    public TimeSpan FailedRetention { get; init; } = EciFailureRetention;

    /// <summary>Age (by ECI's CreationTime) before an object-less cache counts as an orphan.</summary>
    public TimeSpan OrphanGracePeriod { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Days without a pod match before an opted-in cache counts as unused.</summary>
    public int UnusedAfterDays { get; init; } = 30;

    /// <summary>Apply the Unused policy to every cache that has not opted out, not only to those that opted in.</summary>
    public bool PruneAllUnused { get; init; }
}
