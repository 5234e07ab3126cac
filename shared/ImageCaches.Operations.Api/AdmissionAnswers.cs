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

    /// <summary>
    /// Largest review read: an object and its old version, each at most what etcd stores
    /// (1.5 MiB), as stack.yml's MAX_REQUEST_BODY_BYTES for imagecache-api.
    /// </summary>
    public const int MaxReviewBytes = 3 * 1024 * 1024;

    /// <summary>
    /// Reads an AdmissionReview v1 with a request and a uid from the body's UTF-8 bytes (no
    /// string, no DOM: the objects stay <see cref="JsonText"/> over the body); anything else is
    /// the caller's 400 (413 over <see cref="MaxReviewBytes"/>), in <paramref name="refusal"/>.
    /// </summary>
    public static bool TryRead(ReadOnlyMemory<byte> body, out AdmissionReview? review, out ApiResult? refusal)
    {
        review = null;
        refusal = body.Length > MaxReviewBytes
            ? ApiResult.TooLarge($"the review is larger than {MaxReviewBytes} bytes")
            : Check(body, ref review) is { } error ? ApiResult.BadRequest(error) : null;
        if (refusal is not null)
        {
            review = null;
        }

        return refusal is null;
    }

    /// <summary>Reads an admission body from the request stream, never more than <see cref="MaxReviewBytes"/> + 1 bytes.</summary>
    public static Task<RequestBody> ReadBodyAsync(Stream body, CancellationToken cancellationToken) =>
        RequestBody.ReadAsync(body, MaxReviewBytes, cancellationToken);

    private static string? Check(ReadOnlyMemory<byte> body, ref AdmissionReview? review)
    {
        if (body.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            return "the body is empty: expected an admission.k8s.io/v1 AdmissionReview";
        }

        try
        {
            review = AdmissionReview.Read(body);
        }
        catch (JsonException ex)
        {
            return $"the body is not an AdmissionReview: {BoundedText.Shorten(ex.Message, MaxCauseMessageLength)}";
        }

        if (review.Kind != AdmissionReview.ReviewKind || review.ApiVersion != AdmissionReview.ApiVersionV1)
        {
            return $"expected kind AdmissionReview, apiVersion {AdmissionReview.ApiVersionV1} (set admissionReviewVersions: [v1]); got {BoundedText.Quote(review.Kind ?? "(none)")} {BoundedText.Quote(review.ApiVersion ?? "(none)")}";
        }

        if (review.Request is null || string.IsNullOrEmpty(review.Request.Uid))
        {
            return "the AdmissionReview has no request.uid";
        }

        // What the API server always sends (admission.k8s.io/v1 AdmissionRequest); a review
        // without it was not sent by the API server.
        var request = review.Request;
        if (request.Uid!.Length > MaxUidLength)
        {
            return $"request.uid is longer than {MaxUidLength} characters";
        }

        if (request.Kind is not { Kind.Length: > 0, Version.Length: > 0 } || request.Resource is not { Resource.Length: > 0, Version.Length: > 0 })
        {
            return "the AdmissionReview has no request.kind or request.resource";
        }

        if (request.Operation is not ("CREATE" or "UPDATE" or "DELETE" or "CONNECT"))
        {
            return "request.operation must be CREATE, UPDATE, DELETE or CONNECT";
        }

        if (request.Name is { Length: > ImageCaches.Resources.ImageCacheSpec.MaxNameLength } || request.Namespace is { Length: > ImageCaches.Resources.ImageCacheSpec.MaxNameLength })
        {
            return $"request.name and request.namespace are Kubernetes names, at most {ImageCaches.Resources.ImageCacheSpec.MaxNameLength} characters";
        }

        return null;
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
