using System.Text;
using System.Text.Json;

namespace ImageCacheFunctions.ImageCaches.Operations.Api;

/// <summary>
/// Builds valid AdmissionReview v1 answers: the request's uid echoed, <c>allowed</c>, a
/// Status (message, reason, code, causes with field paths) when denied, and warnings kept
/// within what the API server passes on (each at most 256 characters, 4096 in all).
/// </summary>
public static class AdmissionAnswers
{
    public const int MaxWarningLength = 256;
    public const int MaxWarningsLength = 4096;

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
            review = JsonSerializer.Deserialize<AdmissionReview>(body, ApiJson.Options);
        }
        catch (JsonException ex)
        {
            error = $"the body is not an AdmissionReview: {ex.Message}";
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

        error = null;
        return true;
    }

    public static ApiResult Allow(AdmissionRequest request, IEnumerable<string>? warnings = null) =>
        Answer(new AdmissionResponse(request.Uid!, true, null, Limit(warnings)));

    /// <summary>Denies with <paramref name="code"/> (422 for an invalid object, 403 for a refused one).</summary>
    public static ApiResult Deny(AdmissionRequest request, int code, string reason, string message, IReadOnlyList<AdmissionProblem> causes, IEnumerable<string>? warnings = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(causes);
        var details = new AdmissionStatusDetails(
            request.Name,
            request.Kind?.Group,
            request.Kind?.Kind,
            [.. causes.Select(c => new AdmissionStatusCause(c.Reason, c.Message, c.Field))]);
        var status = new AdmissionStatus("Failure", message, reason, code, details);
        return Answer(new AdmissionResponse(request.Uid!, false, status, Limit(warnings)));
    }

    /// <summary>A warning line: one line, printable, at most <see cref="MaxWarningLength"/> characters.</summary>
    public static string Warning(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(char.IsControl(c) ? ' ' : c);
        }

        var line = builder.ToString();
        return line.Length <= MaxWarningLength ? line : line[..(MaxWarningLength - 3)] + "...";
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
        foreach (var warning in warnings.Select(Warning).Distinct(StringComparer.Ordinal))
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
