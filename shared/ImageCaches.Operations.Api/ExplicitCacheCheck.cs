using ImageCacheFunctions.ImageCaches.Images;
using ImageCacheFunctions.ImageCaches.Api;

namespace ImageCacheFunctions.ImageCaches.Operations.Api;

/// <summary>
/// Looks up the cache a pod names by id among the ImageCache objects, and says whether ECI can
/// use it: the documentation requires a Ready cache, "otherwise, the pod fails to be created".
/// </summary>
public static class ExplicitCacheCheck
{
    public static ExplicitCacheView Check(string id, IReadOnlyList<ImageReference> images, IEnumerable<MatchCandidate> candidates, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(candidates);
        var candidate = candidates.FirstOrDefault(c => string.Equals(c.ImageCacheId, id, StringComparison.Ordinal));
        if (candidate is null)
        {
            return new ExplicitCacheView(id, Found: false, Usable: false, null,
                $"no ImageCache object has status.imageCacheId {id}: ECI creates the pod only if a Ready cache with this id exists in the region (one made outside this cluster cannot be checked here)");
        }

        var match = CacheMatch.Of(candidate, images);
        var view = MatchedCacheView.From(match);
        string? problem = candidate.IsBeingDeleted ? "is being deleted"
            : candidate.IsExpiredAt(now) ? $"expired at {candidate.ExpiresAt:O}"
            : !candidate.IsReady ? $"is {candidate.Phase ?? "not reconciled yet"}{(string.IsNullOrEmpty(candidate.Progress) ? "" : $" ({candidate.Progress})")}, not Ready"
            : null;
        if (problem is not null)
        {
            return new ExplicitCacheView(id, Found: true, Usable: false, view,
                $"image cache {id} (ImageCache {candidate.Name}) {problem}: ECI fails to create a pod that names a cache that is not Ready");
        }

        var coverage = match.Misses.Count == 0
            ? "it holds every image of the pod"
            : $"it lacks {string.Join(", ", match.Misses)}, which ECI pulls";
        return new ExplicitCacheView(id, Found: true, Usable: true, view,
            $"image cache {id} (ImageCache {candidate.Name}) is Ready and is used; {coverage}");
    }
}
