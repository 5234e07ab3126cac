using ImageCacheFunctions.ImageCaches.Images;

namespace ImageCacheFunctions.ImageCaches.Api;

/// <summary>
/// The outcome of automatic match for one pod: the qualifying caches best first (see
/// <see cref="AutoMatchOrder"/>) and the ones passed over with the reason.
/// </summary>
public sealed record MatchRanking(
    IReadOnlyList<ImageReference> Images,
    IReadOnlyList<CacheMatch> Ranked,
    IReadOnlyList<RejectedCandidate> Rejected)
{
    /// <summary>The cache ECI picks; null when none qualifies (ECI then pulls the images).</summary>
    public CacheMatch? Best => Ranked.Count > 0 ? Ranked[0] : null;

    /// <summary>The cache picked if the best one were gone.</summary>
    public CacheMatch? RunnerUp => Ranked.Count > 1 ? Ranked[1] : null;

    /// <summary>The pod's images that no qualifying cache holds.</summary>
    public IReadOnlyList<ImageReference> Uncached =>
        [.. Images.Where(image => !Ranked.Any(match => match.Hits.Any(hit => ReferenceEquals(hit.Image, image))))];
}
