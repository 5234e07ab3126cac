using ImageCacheFunctions.ImageCaches.Operations.Reconcile;

namespace ImageCacheFunctions.Reconcile.Tests.Support;

public sealed class SimulatedCrashException(ReconcileStep step, string objectName)
    : Exception($"simulated crash before {step} of {objectName}")
{
    public ReconcileStep Step { get; } = step;
}
