using ImageCacheFunctions.ImageCaches.Images;

namespace ImageCacheFunctions.ImageCaches.Api;

/// <summary>
/// Automatic image cache match as the ECI documentation describes it: among the caches that
/// can be used (Ready, with an ECI id, not expired, not being deleted) and hold at least one
/// of the pod's images, the best by <see cref="AutoMatchOrder"/>. Pure: the caller reads the
/// caches and the clock.
/// </summary>
public static class ImageCacheMatcher
{
    public static MatchRanking Rank(
        IReadOnlyList<ImageReference> images,
        IEnumerable<MatchCandidate> candidates,
        DateTimeOffset now,
        MatchRequirements? requirements = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(candidates);
        requirements ??= MatchRequirements.None;

        var ranked = new List<CacheMatch>();
        var rejected = new List<RejectedCandidate>();
        foreach (var candidate in candidates)
        {
            var match = CacheMatch.Of(candidate, images);
            if (RejectionOf(match, images.Count, now, requirements) is { } reason)
            {
                rejected.Add(new RejectedCandidate(match, reason));
            }
            else
            {
                ranked.Add(match);
            }
        }

        ranked.Sort(AutoMatchOrder.Instance);
        rejected.Sort((a, b) => string.CompareOrdinal(a.Match.Candidate.Name, b.Match.Candidate.Name));
        return new MatchRanking(images, ranked, rejected);
    }

    /// <summary>Why <paramref name="match"/> cannot be chosen, or null when it can.</summary>
    public static RejectionReason? RejectionOf(CacheMatch match, int imageCount, DateTimeOffset now, MatchRequirements requirements)
    {
        ArgumentNullException.ThrowIfNull(match);
        ArgumentNullException.ThrowIfNull(requirements);
        var candidate = match.Candidate;
        if (candidate.IsBeingDeleted)
        {
            return RejectionReason.BeingDeleted;
        }

        if (!candidate.IsReady)
        {
            return RejectionReason.NotReady;
        }

        if (candidate.ImageCacheId is null)
        {
            return RejectionReason.NoImageCacheId;
        }

        if (candidate.IsExpiredAt(now))
        {
            return RejectionReason.Expired;
        }

        if (match.Degree == 0)
        {
            return RejectionReason.NoImageMatched;
        }

        if (requirements.RequireAllImages && match.Degree < imageCount)
        {
            return RejectionReason.NotAllImagesMatched;
        }

        if (requirements.MinimumMatchedImages is { } minimum && match.Degree < minimum)
        {
            return RejectionReason.TooFewImagesMatched;
        }

        return null;
    }
}
