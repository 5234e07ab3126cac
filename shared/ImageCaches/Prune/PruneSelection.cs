namespace ImageCacheFunctions.ImageCaches.Prune;

/// <summary>The selection over a fleet.</summary>
/// <param name="Candidates">Members to delete, each once, under the first policy that matched.</param>
/// <param name="Skipped">Members a policy reached but that are kept (protected, future expiry, grace period, …).</param>
/// <param name="FleetSize">Members of the fleet (the base of the fraction cap).</param>
public sealed record PruneSelection(IReadOnlyList<PruneCandidate> Candidates, IReadOnlyList<PruneCandidate> Skipped, int FleetSize);
