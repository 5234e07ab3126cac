using ImageCacheFunctions.ImageCaches.Answers;
using ImageCacheFunctions.ImageCaches.Kubernetes;
using ImageCacheFunctions.ImageCaches.Kubernetes.Errors;
using ImageCacheFunctions.ImageCaches.Api;
using ImageCacheFunctions.ImageCaches.Resources;
using Microsoft.Extensions.Options;

namespace ImageCacheFunctions.ImageCaches.Operations.Api;

/// <summary><c>POST /match</c>: "which cache will this pod use?", answered with the documented rules.</summary>
public sealed class CacheMatchService(ImageCacheStore store, TimeProvider time, IOptions<ApiOptions> options)
{
    /// <summary>Most rejected caches listed in one answer (the count is always complete).</summary>
    public const int MaxRejectedListed = 100;

    private readonly ApiOptions _settings = options.Value;

    public async Task<ApiResult> MatchAsync(string? body, string? contentType, IReadOnlyList<string> queryImages, CancellationToken cancellationToken)
    {
        if (!MatchRequestReader.TryRead(body, contentType, queryImages, _settings.MaxImagesPerRequest, out var template, out var error, out var problems))
        {
            return ApiResult.BadRequest(error ?? "the request is not usable", problems);
        }

        var images = PodImages.From(template!.Containers);
        if (images.Invalid.Count > 0)
        {
            var invalid = images.Invalid.Select(i => new FieldProblem(i.Field, i.Error)).ToList();
            return ApiResult.BadRequest("some images are not valid references: " + string.Join("; ", invalid), invalid);
        }

        if (images.Images.Count == 0)
        {
            return ApiResult.BadRequest("no images to match: give a pod with containers or at least one image");
        }

        if (images.Images.Count > _settings.MaxImagesPerRequest)
        {
            return ApiResult.BadRequest($"{images.Images.Count} images is more than the {_settings.MaxImagesPerRequest} one request may ask about (Api:MaxImagesPerRequest)");
        }

        IReadOnlyList<MatchCandidate> candidates;
        try
        {
            candidates = [.. (await store.ReadAllAsync(cancellationToken).ConfigureAwait(false)).Select(MatchCandidate.From)];
        }
        catch (KubernetesApiException ex)
        {
            return ApiResult.Unavailable($"the ImageCache objects could not be read: {ex.Message}");
        }

        return ApiResult.Ok(Answer(template, images, candidates, time.GetUtcNow()));
    }

    /// <summary>The answer for a pod template, given the caches (pure).</summary>
    public static MatchResponse Answer(PodTemplate template, PodImages images, IReadOnlyList<MatchCandidate> candidates, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(candidates);
        var selection = CacheSelection.Read(template.PodAnnotations);
        var ranking = ImageCacheMatcher.Rank(images.Images, candidates, now, selection.Requirements);
        var explicitView = selection.ExplicitId is { } id ? ExplicitCacheCheck.Check(id, images.Images, candidates, now) : null;

        var notes = new List<string>(selection.Notes);
        if (template.WorkloadAnnotations is { } workload && CacheSelection.AllKeys.FirstOrDefault(workload.ContainsKey) is { } misplaced)
        {
            notes.Add($"metadata.annotations has {misplaced}, which ECI ignores on a {template.Kind}: \"{DocumentationNotices.AnnotationOnPodTemplate}\" Put it under {template.PodAnnotationsPath}.");
        }

        if (selection.ExplicitWins)
        {
            notes.Add($"Both {selection.ExplicitAnnotation} and {selection.AutoMatchAnnotation} are set: the explicit id wins (\"{DocumentationNotices.ExplicitWins}\").");
        }

        if (selection.Mode == CacheSelectionMode.None && !selection.AutoMatchRequested && selection.AutoMatchAnnotation is null)
        {
            notes.Add($"No image cache annotation: with the ImageCache documentation's annotations the pod uses no cache (add {PodAnnotations.AutoMatchImageCache}: \"true\"); "
                + $"current ECI versions match automatically unless {PodAnnotations.AutoImageCache} is \"false\". \"match\" is what automatic match would pick.");
        }

        var effective = selection.Mode switch
        {
            CacheSelectionMode.Explicit => "explicit",
            CacheSelectionMode.AutoMatch => "autoMatch",
            _ => "none",
        };

        return new MatchResponse(
            new MatchSource(template.Kind, template.Name, template.Namespace),
            [.. images.Images.Select(i => i.ToString())],
            AnnotationsView.From(selection),
            effective,
            explicitView,
            ranking.Best is { } best ? MatchedCacheView.From(best) : null,
            ranking.RunnerUp is { } runnerUp ? MatchedCacheView.From(runnerUp) : null,
            [.. ranking.Uncached.Select(i => i.ToString())],
            new CandidatesView(
                candidates.Count,
                ranking.Ranked.Count,
                [.. ranking.Rejected.Take(MaxRejectedListed).Select(r => new RejectedView(r.Match.Candidate.Name, r.Reason, r.Match.Candidate.Phase, r.Match.Degree))]),
            DocumentationNotices.Ranking,
            notes);
    }
}
