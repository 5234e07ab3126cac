namespace ImageCacheFunctions.ImageCaches.Reconcile;

/// <summary>
/// Why reconcile could not create or update a cache this pass: the Ready condition's reason and
/// message, worded for <c>kubectl describe</c> (no secret material, no request ids or times, so
/// the same problem gives the same text and nothing new to write).
/// </summary>
public sealed record ReconcileBlocker(string Reason, string Message);
