using ImageCacheFunctions.ImageCaches.Answers;
using System.Text;
using System.Text.Json;
using ImageCacheFunctions.ImageCaches.Text;

namespace ImageCacheFunctions.ImageCaches.Operations.Api;

/// <summary>
/// Builds valid AdmissionReview v1 answers: the request's uid echoed, <c>allowed</c>, a
/// Status (message, reason, code, causes with field paths) when denied, and warnings kept
/// within what the API server passes on (each at most 256 characters, 4096 in all). A denial
/// is bounded too: at most <see cref="MaxCauses"/> causes of at most
/// <see cref="MaxCauseMessageLength"/> characters, a message of at most
/// <see cref="MaxMessageLength"/>, so no review can make a large answer.
/// </summary>
public static class AdmissionAnswers
{
    public const int MaxWarningLength = 256;
    public const int MaxWarningsLength = 4096;
    public const int MaxCauses = 32;
    public const int MaxCauseMessageLength = 512;
    public const int MaxMessageLength = 4096;

    /// <summary>A request uid is a Kubernetes UID (36 characters); anything much longer did not come from the API server.</summary>
    public const int MaxUidLength = 128;

    /// <summary>Reads an AdmissionReview v1 with a request and a uid; anything else is the caller's 400.</summary>
    public static bool TryRead(string? body, out AdmissionReview? review, out string? error)
    {
        review = null;
        if (string.IsNullOrWhiteSpace(body))
        {
            error = "the body is empty: expected an admission.k8s.io/v1 AdmissionReview";
            return false;
        }

        try
        {
            review = JsonSerializer.Deserialize<AdmissionReview>(body, AnswerJson.Options);
        }
        catch (JsonException ex)
        {
            error = $"the body is not an AdmissionReview: {BoundedText.Shorten(ex.Message, MaxCauseMessageLength)}";
            return false;
        }

        if (review is null || review.Kind != AdmissionReview.ReviewKind || review.ApiVersion != AdmissionReview.ApiVersionV1)
        {
            error = $"expected kind AdmissionReview, apiVersion {AdmissionReview.ApiVersionV1} (set admissionReviewVersions: [v1]); got {review?.Kind ?? "(none)"} {review?.ApiVersion ?? "(none)"}";
            return false;
        }

        if (review.Request is null || string.IsNullOrEmpty(review.Request.Uid))
        {
            error = "the AdmissionReview has no request.uid";
            return false;
        }

        // What the API server always sends (admission.k8s.io/v1 AdmissionRequest); a review
        // without it was not sent by the API server.
        var request = review.Request;
        if (request.Uid!.Length > MaxUidLength)
        {
            error = $"request.uid is longer than {MaxUidLength} characters";
            return false;
        }

        if (request.Kind is not { Kind.Length: > 0, Version.Length: > 0 } || request.Resource is not { Resource.Length: > 0, Version.Length: > 0 })
        {
            error = "the AdmissionReview has no request.kind or request.resource";
            return false;
        }

        if (request.Operation is not ("CREATE" or "UPDATE" or "DELETE" or "CONNECT"))
        {
            error = "request.operation must be CREATE, UPDATE, DELETE or CONNECT";
            return false;
        }

        if (request.Name is { Length: > ImageCaches.Resources.ImageCacheSpec.MaxNameLength } || request.Namespace is { Length: > ImageCaches.Resources.ImageCacheSpec.MaxNameLength })
        {
            error = $"request.name and request.namespace are Kubernetes names, at most {ImageCaches.Resources.ImageCacheSpec.MaxNameLength} characters";
            return false;
        }

        error = null;
        return true;
    }

    public static ApiResult Allow(AdmissionRequest request, IEnumerable<string>? warnings = null) =>
        Answer(new AdmissionResponse(request.Uid!, true, null, Limit(warnings)));

    /// <summary>
    /// Denies with <paramref name="code"/> (422 for an invalid object, 403 for a refused one):
    /// the first <see cref="MaxCauses"/> causes, and the message cut to <see cref="MaxMessageLength"/>.
    /// </summary>
    public static ApiResult Deny(AdmissionRequest request, int code, string reason, string message, IReadOnlyList<AdmissionProblem> causes, IEnumerable<string>? warnings = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(causes);
        var details = new AdmissionStatusDetails(
            request.Name,
            request.Kind?.Group,
            request.Kind?.Kind,
            [.. causes.Take(MaxCauses).Select(c => new AdmissionStatusCause(c.Reason, BoundedText.Shorten(c.Message, MaxCauseMessageLength), c.Field))]);
        var status = new AdmissionStatus("Failure", BoundedText.Shorten(message, MaxMessageLength), reason, code, details);
        return Answer(new AdmissionResponse(request.Uid!, false, status, Limit(warnings)));
    }

    /// <summary>A warning line: one line, printable, at most <see cref="MaxWarningLength"/> characters.</summary>
    public static string Warning(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return BoundedText.Shorten(text, MaxWarningLength);
    }

    /// <summary>
    /// The message of an "is invalid" denial in the API server's style, naming as many problems
    /// as fit in <see cref="MaxMessageLength"/> and how many more there are.
    /// </summary>
    public static string InvalidMessage(string kind, string? name, IReadOnlyList<AdmissionProblem> denials)
    {
        ArgumentNullException.ThrowIfNull(denials);
        var builder = new StringBuilder($"{kind} \"{BoundedText.Quote(name)}\" is invalid: ");
        for (var i = 0; i < denials.Count; i++)
        {
            var part = (i > 0 ? "; " : "") + denials[i];
            if (builder.Length + part.Length > MaxMessageLength - 32)
            {
                builder.Append($"; and {denials.Count - i} more");
                break;
            }

            builder.Append(part);
        }

        return builder.ToString();
    }

    private static ApiResult Answer(AdmissionResponse response) =>
        ApiResult.Ok(new AdmissionReviewResponse(AdmissionReview.ApiVersionV1, AdmissionReview.ReviewKind, response));

    private static List<string>? Limit(IEnumerable<string>? warnings)
    {
        if (warnings is null)
        {
            return null;
        }

        var kept = new List<string>();
        var total = 0;
        // Take bounds the work for a caller that made thousands: 4096 characters hold at most that many.
        foreach (var warning in warnings.Take(MaxWarningsLength).Select(Warning).Distinct(StringComparer.Ordinal))
        {
            if (total + warning.Length > MaxWarningsLength)
            {
                break;
            }

            kept.Add(warning);
            total += warning.Length;
        }

        return kept.Count == 0 ? null : kept;
    }
}
