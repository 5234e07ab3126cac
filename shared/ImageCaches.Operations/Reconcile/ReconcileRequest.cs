namespace ImageCacheFunctions.ImageCaches.Operations.Reconcile;

/// <summary>
/// What a reconcile pass covers: every object (<see cref="Name"/> null) or one; and how long it
/// may start new work (<see cref="TimeBudget"/>; the configured Eci:TimeBudget when null).
/// </summary>
public sealed record ReconcileRequest(string? Name = null, TimeSpan? TimeBudget = null)
{
    public static ReconcileRequest All { get; } = new();
}
