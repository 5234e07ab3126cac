namespace ImageCacheFunctions.ImageCaches.Operations.Reconcile;

/// <summary>The steps of reconciling one object that change something; a crash can fall between any two.</summary>
public enum ReconcileStep
{
    AddFinalizer,
    IndexLabels,
    ResolveCredentials,
    CreateCache,
    UpdateCache,
    WriteStatus,
    RecordEvents,
    DeleteSupersededCache,
    DeleteCache,
    RemoveFinalizer,
}
