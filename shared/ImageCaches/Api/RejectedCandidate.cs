namespace ImageCacheFunctions.ImageCaches.Api;

/// <summary>A cache automatic match passed over, and why.</summary>
public sealed record RejectedCandidate(CacheMatch Match, RejectionReason Reason);
