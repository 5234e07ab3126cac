using ImageCacheFunctions.ImageCaches.Prune;
using KubernetesImageCache = ImageCacheFunctions.ImageCaches.Resources.ImageCache;

namespace ImageCacheFunctions.ImageCaches.Operations.Prune;

/// <summary>A candidate re-read just before acting on it, and the verdict on that fresh state.</summary>
/// <param name="Selected">The candidate as the selection saw it.</param>
/// <param name="Member">The fresh state.</param>
/// <param name="Object">The fresh ImageCache object (null for an orphan, or when it vanished).</param>
/// <param name="Verdict">The selection's verdict on the fresh state.</param>
/// <param name="Detail">Why it is no longer selected, when it is not.</param>
public sealed record PruneConfirmation(PruneCandidate Selected, FleetMember Member, KubernetesImageCache? Object, PruneVerdict Verdict, string? Detail = null)
{
    public bool Confirmed => Verdict.Kind == PruneVerdictKind.Prune;
}
