namespace ImageCacheFunctions.ImageCaches.Reconcile;

/// <summary>What reconcile does when the ECI cache recorded in status has vanished (deleted in the console, for one).</summary>
public enum RecreatePolicy
{
    /// <summary>Report it (phase Missing, Warning event) and create a new cache in the same pass. The default.</summary>
    Recreate,

    /// <summary>Report it only; a new cache is created when the spec changes (a new generation).</summary>
    ReportOnly,
}
