namespace ImageCacheFunctions.ImageCaches.Operations.Reconcile;

/// <summary>
/// The JSON summary of a reconcile pass: what it saw and did, what failed (with object names),
/// the orphans it found and what it left for the next pass.
/// </summary>
public sealed record ReconcileReport
{
    /// <summary>False when the pass stopped early (time budget) and left objects for the next one.</summary>
    public bool Completed { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    public long DurationMilliseconds { get; init; }

    public int ObjectsSeen { get; init; }

    /// <summary>ECI caches created (first ones and replacements).</summary>
    public int Created { get; init; }

    /// <summary>ECI updates accepted.</summary>
    public int Updated { get; init; }

    /// <summary>Objects whose status was written.</summary>
    public int StatusChanges { get; init; }

    /// <summary>ECI caches deleted (for objects being deleted, or superseded by a replacement).</summary>
    public int Deleted { get; init; }

    /// <summary>Finalizers released (objects whose deletion could complete).</summary>
    public int Finalized { get; init; }

    /// <summary>Objects where a needed create or update could not be made (see their status).</summary>
    public int Blocked { get; init; }

    public int Unchanged { get; init; }

    public IReadOnlyList<OrphanCache> Orphans { get; init; } = [];

    public IReadOnlyList<ReconcileError> Errors { get; init; } = [];

    public LeftOver LeftOver { get; init; } = new(0, []);

    public EciCallCounts EciCalls { get; init; } = new(0, 0, 0, 0);

    /// <summary>Kubernetes writes (status, finalizers, Events).</summary>
    public int KubernetesWrites { get; init; }

    /// <summary>Objects that changed or failed, at most a sample of them (unchanged ones only when one object was asked for).</summary>
    public IReadOnlyList<ObjectReconcileResult> Results { get; init; } = [];
}

/// <summary>ECI calls a pass made (each page of DescribeImageCaches counts once).</summary>
public sealed record EciCallCounts(int Describe, int Create, int Update, int Delete)
{
    /// <summary>Calls that change ECI.</summary>
    public int Mutations => Create + Update + Delete;
}

/// <summary>Objects a pass did not reach within its time budget (the names, at most a sample of them).</summary>
public sealed record LeftOver(int Count, IReadOnlyList<string> Names);
