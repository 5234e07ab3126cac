namespace ImageCacheFunctions.ImageCaches.Operations.Reconcile;

/// <summary>Objects a pass did not reach within its time budget (the names, at most a sample of them).</summary>
public sealed record LeftOver(int Count, IReadOnlyList<string> Names);
