namespace ImageCacheFunctions.ImageCaches.Prune;

/// <summary>Why a cache that a policy reached was kept (the <c>reason</c> of a skipped entry in the report).</summary>
public static class PruneSkipReasons
{
    /// <summary>The object carries the protect annotation.</summary>
    public const string Protected = "protected";

    /// <summary>An expiry in the future was seen (ECI's, the recorded one, or retentionDays'): never deleted.</summary>
    public const string ExpiryInFuture = "expiry-in-future";

    /// <summary>An object-less cache younger than the orphan grace period (a create may be in flight).</summary>
    public const string GracePeriod = "grace-period";

    /// <summary>The unused-pruning annotation has a value that is not understood.</summary>
    public const string InvalidAnnotation = "invalid-annotation";

    /// <summary>The run's deletion cap was exceeded: nothing was deleted.</summary>
    public const string Capped = "capped";

    /// <summary>A fresh read just before the deletion no longer selects it.</summary>
    public const string Changed = "changed";

    /// <summary>The run's time budget was spent before this deletion; the next run covers it.</summary>
    public const string TimeBudget = "time-budget";

    /// <summary>The deletion failed (the detail has the error).</summary>
    public const string Error = "error";
}
