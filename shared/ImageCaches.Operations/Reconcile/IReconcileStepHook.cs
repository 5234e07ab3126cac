namespace ImageCacheFunctions.ImageCaches.Operations.Reconcile;

/// <summary>
/// Called before every step that changes something. The default does nothing; tests use it to
/// interrupt a pass at each step boundary in turn (throwing stops that object's work there, as a
/// crash would) and check that the next pass repairs it.
/// </summary>
public interface IReconcileStepHook
{
    ValueTask BeforeAsync(ReconcileStep step, string objectName, CancellationToken cancellationToken);
}
