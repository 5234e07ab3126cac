namespace ImageCacheFunctions.ImageCaches.Operations.Reconcile;

/// <summary>The steps of reconciling one object that change something; a crash can fall between any two.</summary>
public enum ReconcileStep
{
    AddFinalizer,
    ResolveCredentials,
    CreateCache,
    UpdateCache,
    WriteStatus,
    RecordEvents,
    DeleteSupersededCache,
    DeleteCache,
    RemoveFinalizer,
}
