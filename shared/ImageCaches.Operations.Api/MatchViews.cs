using ImageCacheFunctions.ImageCaches.Api;

namespace ImageCacheFunctions.ImageCaches.Operations.Api;

/// <summary>The answer of <c>POST /match</c>: which cache a pod would use, and why.</summary>
/// <param name="Source">What was asked about.</param>
/// <param name="Images">The pod's images, normalised and de-duplicated.</param>
/// <param name="Annotations">What the pod's annotations ask for, both generations read.</param>
/// <param name="Effective">What decides the pod's cache: <c>explicit</c> (an id; it wins over automatic match), <c>autoMatch</c> or <c>none</c>.</param>
/// <param name="Explicit">The cache the pod names by id, when it names one.</param>
/// <param name="Match">The cache automatic match picks; null when none qualifies (ECI then pulls the images).</param>
/// <param name="RunnerUp">The next best cache.</param>
/// <param name="Uncached">The pod's images no qualifying cache holds.</param>
/// <param name="Candidates">How many caches were looked at, and why the others were passed over.</param>
/// <param name="Ranking">The ranking rule, in words.</param>
/// <param name="Notes">Things to know about the annotations (conflicts, the Deployment notice, defaults).</param>
public sealed record MatchResponse(
    MatchSource Source,
    IReadOnlyList<string> Images,
    AnnotationsView Annotations,
    string Effective,
    ExplicitCacheView? Explicit,
    MatchedCacheView? Match,
    MatchedCacheView? RunnerUp,
    IReadOnlyList<string> Uncached,
    CandidatesView Candidates,
    string Ranking,
    IReadOnlyList<string> Notes);

public sealed record MatchSource(string Kind, string? Name, string? Namespace);

public sealed record AnnotationsView(
    CacheSelectionMode Mode,
    AnnotationGeneration Generation,
    string? ExplicitId,
    string? ExplicitAnnotation,
    string? AutoMatchAnnotation,
    bool AutoMatchRequested,
    bool ExplicitWins,
    bool RequireAllImages,
    int? MinimumMatchedImages)
{
    public static AnnotationsView From(CacheSelection selection)
    {
        ArgumentNullException.ThrowIfNull(selection);
        return new AnnotationsView(
            selection.Mode,
            selection.Generation,
            selection.ExplicitId,
            selection.ExplicitAnnotation,
            selection.AutoMatchAnnotation,
            selection.AutoMatchRequested,
            selection.ExplicitWins,
            selection.Requirements.RequireAllImages,
            selection.Requirements.MinimumMatchedImages);
    }
}

/// <summary>A cache and how it covers the pod's images.</summary>
public sealed record MatchedCacheView(
    string Name,
    string? ImageCacheId,
    string? Phase,
    string? Progress,
    int ImageCacheSize,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? ExpireDateTime,
    int MatchedImages,
    IReadOnlyList<HitView> Hits,
    IReadOnlyList<string> Misses)
{
    public static MatchedCacheView From(CacheMatch match)
    {
        ArgumentNullException.ThrowIfNull(match);
        var candidate = match.Candidate;
        return new MatchedCacheView(
            candidate.Name,
            candidate.ImageCacheId,
            candidate.Phase,
            candidate.Progress,
            candidate.ImageCacheSize,
            candidate.CreatedAt,
            candidate.ExpiresAt,
            match.Degree,
            [.. match.Hits.Select(hit => new HitView(hit.Image.ToString(), hit.CachedAs.Written, hit.CachedAs.RecordedDigest?.ToString()))],
            [.. match.Misses.Select(image => image.ToString())]);
    }
}

/// <summary>A pod image a cache holds: the image, the spec.images entry holding it and its cached digest.</summary>
public sealed record HitView(string Image, string CachedAs, string? Digest);

/// <summary>The cache a pod names by id, as the cluster's ImageCache objects know it.</summary>
/// <param name="Id">The id from the annotation.</param>
/// <param name="Found">An ImageCache object has this status.imageCacheId.</param>
/// <param name="Usable">Found, Ready, not expired, not being deleted: ECI can use it.</param>
/// <param name="Cache">How the cache covers the pod's images, when found.</param>
/// <param name="Message">What ECI will do, in one sentence.</param>
public sealed record ExplicitCacheView(string Id, bool Found, bool Usable, MatchedCacheView? Cache, string Message);

public sealed record CandidatesView(int Considered, int Qualified, IReadOnlyList<RejectedView> Rejected);

public sealed record RejectedView(string Name, RejectionReason Reason, string? Phase, int MatchedImages);
