namespace ImageCacheFunctions.ImageCaches.Operations.Reconcile;

/// <summary>A failure during a pass: the object it concerns (null for the pass itself) and what went wrong.</summary>
public sealed record ReconcileError(string? Name, string Message);
