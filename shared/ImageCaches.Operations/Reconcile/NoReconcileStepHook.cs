namespace ImageCacheFunctions.ImageCaches.Operations.Reconcile;

/// <summary>The production hook: nothing.</summary>
public sealed class NoReconcileStepHook : IReconcileStepHook
{
    public static NoReconcileStepHook Instance { get; } = new();

    public ValueTask BeforeAsync(ReconcileStep step, string objectName, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
