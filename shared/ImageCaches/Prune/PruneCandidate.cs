namespace ImageCacheFunctions.ImageCaches.Prune;

/// <summary>A member and the verdict the selection gave it.</summary>
public sealed record PruneCandidate(FleetMember Member, PruneVerdict Verdict)
{
    public PrunePolicy Policy => Verdict.Policy;
}
