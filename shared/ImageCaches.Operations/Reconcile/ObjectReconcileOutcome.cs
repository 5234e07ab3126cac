namespace ImageCacheFunctions.ImageCaches.Operations.Reconcile;

/// <summary>The main thing that happened to one object in a pass.</summary>
public enum ObjectReconcileOutcome
{
    /// <summary>Nothing to do: status already mirrors ECI and no change is pending.</summary>
    Unchanged,

    /// <summary>Status was brought up to date with ECI; no ECI call changed anything.</summary>
    StatusChanged,

    /// <summary>An ECI cache was created (first one, or a replacement).</summary>
    Created,

    /// <summary>ECI accepted an update (spec change or refresh).</summary>
    Updated,

    /// <summary>A create or update was needed but could not be made (credentials, ECI refused); see the message.</summary>
    Blocked,

    /// <summary>The object was being deleted: its ECI caches were deleted and the finalizer released.</summary>
    Finalized,

    /// <summary>The object does not exist (any more).</summary>
    NotFound,

    /// <summary>The pass failed for this object (a transient error, for one); the next pass retries.</summary>
    Error,

    /// <summary>The pass ran out of time before this object; the next pass covers it.</summary>
    LeftOver,
}
