using ImageCacheFunctions.ImageCaches.Images;

namespace ImageCacheFunctions.ImageCaches.Api;

/// <summary>How one cache covers a pod's images.</summary>
public sealed record CacheMatch(MatchCandidate Candidate, IReadOnlyList<ImageHit> Hits, IReadOnlyList<ImageReference> Misses)
{
    /// <summary>The documentation's "matching degree": how many of the pod's images the cache holds.</summary>
    public int Degree => Hits.Count;

    /// <summary>Which of <paramref name="images"/> <paramref name="candidate"/> holds.</summary>
    public static CacheMatch Of(MatchCandidate candidate, IReadOnlyList<ImageReference> images)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(images);
        var hits = new List<ImageHit>();
        var misses = new List<ImageReference>();
        foreach (var image in images)
        {
            if (candidate.Holding(image) is { } cached)
            {
                hits.Add(new ImageHit(image, cached));
            }
            else
            {
                misses.Add(image);
            }
        }

        return new CacheMatch(candidate, hits, misses);
    }
}
