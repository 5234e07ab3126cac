using ImageCacheFunctions.ImageCaches.Kubernetes;
using ImageCacheFunctions.ImageCaches.Kubernetes.Errors;
using ImageCacheFunctions.ImageCaches.Api;
using ImageCacheFunctions.ImageCaches.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImageCacheFunctions.ImageCaches.Operations.Api;

/// <summary>
/// The webhook for pods and workloads (<c>POST /admission/pods</c>), in namespaces that opt in.
/// It turns ECI's late failures into early warnings: a pod naming a cache id that is unknown
/// or not Ready (denied instead when <see cref="ApiOptions.DenyPodsWithUnreadyCache"/>), a pod
/// asking for automatic match that would match nothing (which images are uncached), and
/// image cache annotations put on a workload's own metadata, where ECI ignores them. It never
/// denies anything else, and allows when the caches cannot be read.
/// </summary>
public sealed partial class PodAdmission(
    ImageCacheStore store,
    TimeProvider time,
    IOptions<ApiOptions> options,
    ILogger<PodAdmission> logger)
{
    private readonly ApiOptions _settings = options.Value;

    /// <summary>Reviews an AdmissionReview's UTF-8 bytes (<paramref name="body"/> stays valid until the answer is returned).</summary>
    public async Task<ApiResult> ReviewAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        if (!AdmissionAnswers.TryRead(body, out var review, out var refusal))
        {
            return refusal!;
        }

        var request = review!.Request!;
        var kind = request.Kind?.Kind;
        var isPod = kind == "Pod";
        var operationApplies = isPod ? request.Operation == "CREATE" : request.Operation is "CREATE" or "UPDATE";
        if (!PodTemplateReader.HasTemplate(kind) || !operationApplies || !string.IsNullOrEmpty(request.SubResource))
        {
            // deploy/admission.yaml registers Pod CREATE and workload CREATE/UPDATE only (ECI
            // reads the annotations when it creates a pod): the API server sends nothing else.
            return ApiResult.BadRequest("this webhook reviews Pod CREATE and workload (Deployment, StatefulSet, Job, CronJob) CREATE and UPDATE only (deploy/admission.yaml)");
        }

        // More than Api:MaxImagesPerRequest containers are counted, not read: that bounds the
        // reading and the ranking (images x caches) for a review nobody would write.
        if (!PodTemplateReader.TryRead(request.Object, _settings.MaxImagesPerRequest, out var template, out var problems))
        {
            // The API server validated the object before this webhook sees it: what is left is
            // a template too big to look at. Never denied: it is not this webhook's business.
            return AdmissionAnswers.Allow(request, [$"image caches not checked: {problems[0]}"]);
        }

        var warnings = new List<string>();
        if (template!.WorkloadAnnotations is { } workloadAnnotations)
        {
            foreach (var key in CacheSelection.AllKeys.Where(workloadAnnotations.ContainsKey))
            {
                warnings.Add($"metadata.annotations[{key}]: has no effect on a {template.Kind}; move it to {template.PodAnnotationsPath}");
            }

            if (warnings.Count > 0)
            {
                warnings.Add($"ECI ImageCache documentation: \"{DocumentationNotices.AnnotationOnPodTemplate}\"");
            }
        }

        var selection = CacheSelection.Read(template.PodAnnotations);
        warnings.AddRange(selection.Notes.Select(note => $"{template.PodAnnotationsPath}: {note}"));
        if (selection.Mode == CacheSelectionMode.None)
        {
            return AdmissionAnswers.Allow(request, warnings);
        }

        IReadOnlyList<MatchCandidate> candidates;
        try
        {
            candidates = [.. (await store.ReadAllAsync(cancellationToken).ConfigureAwait(false)).Select(MatchCandidate.From)];
        }
        catch (KubernetesApiException ex)
        {
            warnings.Add($"image caches not checked: the ImageCache objects could not be read ({BoundedText.Quote(ex.Message)})");
            return AdmissionAnswers.Allow(request, warnings);
        }

        var images = PodImages.From(template.Containers).Images;
        var now = time.GetUtcNow();
        var annotationField = $"{template.PodAnnotationsPath}[{selection.ExplicitAnnotation ?? selection.AutoMatchAnnotation}]";
        if (selection.ExplicitId is { } id)
        {
            var check = ExplicitCacheCheck.Check(id, images, candidates, now);
            if (!check.Usable)
            {
                var problem = new AdmissionProblem(annotationField, check.Found ? AdmissionProblem.Invalid : AdmissionProblem.NotFound, check.Message, Denies: isPod && _settings.DenyPodsWithUnreadyCache, id);
                if (problem.Denies)
                {
                    LogDenied(logger, BoundedText.ForLog(request.Namespace), BoundedText.ForLog(request.Name ?? template.Name ?? "(generated name)"), BoundedText.ForLog(id));
                    return AdmissionAnswers.Deny(request, 403, "Forbidden",
                        $"pod names image cache {BoundedText.Quote(id)}, which ECI cannot use: {check.Message}. \"{DocumentationNotices.ReadyRequired}\"", [problem], warnings);
                }

                warnings.Add(problem.ToString());
            }

            return AdmissionAnswers.Allow(request, warnings);
        }

        var ranking = ImageCacheMatcher.Rank(images, candidates, now, selection.Requirements);
        if (ranking.Best is null && images.Count > 0)
        {
            var condition = selection.Requirements.RequireAllImages ? $"holds all of the pod's images ({MatchAnnotations.PerfectMatch})"
                : selection.Requirements.MinimumMatchedImages is { } minimum ? $"holds {minimum} of the pod's images ({MatchAnnotations.MatchCountRequest})"
                : "holds any of the pod's images";
            warnings.Add($"{annotationField}: no Ready ImageCache {condition}, so ECI pulls them; uncached: {string.Join(", ", ranking.Uncached)}");
        }

        return AdmissionAnswers.Allow(request, warnings);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "admission: pod {Namespace}/{Name} denied: image cache {Id} is unknown or not Ready")]
    private static partial void LogDenied(ILogger logger, string @namespace, string name, string id);
}
