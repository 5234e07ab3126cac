using ImageCacheFunctions.ImageCaches.Prune;

namespace ImageCacheFunctions.ImageCaches.Operations.Prune;

/// <summary>
/// Configuration section <c>Prune</c> (environment <c>Prune__DryRun</c>, …). The defaults are
/// the safe ones: every policy but Unused acts, a run deletes at most 50 caches and at most a
/// quarter of the fleet, deadlines must have passed by five minutes.
/// </summary>
public sealed class PruneOptions
{
    public const string SectionName = "Prune";

    /// <summary>Dry run unless a request says otherwise (the timer never does).</summary>
    public bool DryRun { get; set; }

    /// <summary>The policies applied, comma-separated: orphan, failed, expired, unused (all by default; unused acts only on caches that opt in unless <see cref="PruneAllUnused"/>).</summary>
    public string Policies { get; set; } = string.Join(",", PrunePolicies.All.Select(PrunePolicies.NameOf));

    /// <summary>Tolerated skew between ECI's timestamps and the local clock (0 to 1 day).</summary>
    public TimeSpan ClockSkewMargin { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Age (ECI CreationTime) before a cache without an object counts as an orphan.</summary>
    public TimeSpan OrphanGracePeriod { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a Failed cache is kept; ECI's own failure retention (24 h) by default.</summary>
    public TimeSpan FailedRetention { get; set; } = PruneRules.EciFailureRetention;

    /// <summary>Days without a pod match before a cache counts as unused (when it opts in without a number).</summary>
    public int UnusedAfterDays { get; set; } = 30;

    /// <summary>Apply the Unused policy to every cache that has not opted out (off: only to those that opted in).</summary>
    public bool PruneAllUnused { get; set; }

    /// <summary>More selected than this and the run deletes nothing.</summary>
    public int MaxDeletionsPerRun { get; set; } = 50;

    /// <summary>More than this fraction of the fleet selected and the run deletes nothing (0 &lt; f ≤ 1).</summary>
    public double MaxDeletionFraction { get; set; } = 0.25;

    /// <summary>Runs selecting at most this many caches are not stopped by <see cref="MaxDeletionFraction"/> (a small fleet can still lose its one expired cache).</summary>
    public int FractionCapFloor { get; set; } = 5;

    /// <summary>A capped run records its Warning Event on at most this many of the selected objects.</summary>
    public int MaxCappedWarningEvents { get; set; } = 20;

    /// <summary>How long a run may start new deletions (keep below exec_timeout, 300 s in stack.yml); the rest waits for the next run.</summary>
    public TimeSpan TimeBudget { get; set; } = TimeSpan.FromSeconds(240);

    /// <summary>The selection rules these options give, for <paramref name="policies"/> (the configured ones when null).</summary>
    public PruneRules ToRules(IReadOnlySet<PrunePolicy>? policies = null) => new()
    {
        Policies = policies ?? ConfiguredPolicies(),
        ClockSkewMargin = ClockSkewMargin,
        OrphanGracePeriod = OrphanGracePeriod,
        FailedRetention = FailedRetention,
        UnusedAfterDays = UnusedAfterDays,
        PruneAllUnused = PruneAllUnused,
    };

    /// <summary>The cap these options give.</summary>
    public PruneCap ToCap() => new(MaxDeletionsPerRun, MaxDeletionFraction, FractionCapFloor);

    /// <summary>The configured policies (validated at start-up).</summary>
    public IReadOnlySet<PrunePolicy> ConfiguredPolicies() =>
        PrunePolicies.TryParseList(Policies, out var policies, out var error)
            ? policies
            : throw new InvalidOperationException($"Prune:Policies: {error}");
}
