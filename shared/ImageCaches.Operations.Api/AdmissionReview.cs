using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageCacheFunctions.ImageCaches.Operations.Api;

/// <summary>
/// An <c>admission.k8s.io/v1</c> AdmissionReview as the API server sends it to a webhook (the
/// fields this webhook reads) and as the webhook answers (<see cref="AdmissionReviewResponse"/>).
/// Read by <see cref="Read"/> in place: the objects stay <see cref="JsonText"/> over the body's
/// bytes, never a DOM or a copy.
/// </summary>
public sealed class AdmissionReview
{
    public const string ApiVersionV1 = "admission.k8s.io/v1";
    public const string ReviewKind = "AdmissionReview";

    public string? ApiVersion { get; set; }

    public string? Kind { get; set; }

    public AdmissionRequest? Request { get; set; }

    /// <summary>
    /// Reads the review from <paramref name="body"/>, which must stay unchanged while the review
    /// is in use. A field of the wrong JSON type reads as absent.
    /// </summary>
    /// <exception cref="JsonException">The body is not one JSON value (or nests deeper than 64).</exception>
    public static AdmissionReview Read(ReadOnlyMemory<byte> body)
    {
        var root = JsonText.Parse(body).Fields("apiVersion", "kind", "request");
        var request = root[2]?.Fields("uid", "kind", "resource", "subResource", "name", "namespace", "operation", "object", "oldObject", "dryRun");
        return new AdmissionReview
        {
            ApiVersion = root[0].StringValue(),
            Kind = root[1].StringValue(),
            Request = root[2] is not { ValueKind: JsonValueKind.Object } ? null : new AdmissionRequest
            {
                Uid = request![0].StringValue(),
                Kind = request[1] is { } kind
                    ? new GroupVersionKind(kind.Field("group").StringValue(), kind.Field("version").StringValue(), kind.Field("kind").StringValue())
                    : null,
                Resource = request[2] is { } resource
                    ? new GroupVersionResource(resource.Field("group").StringValue(), resource.Field("version").StringValue(), resource.Field("resource").StringValue())
                    : null,
                SubResource = request[3].StringValue(),
                Name = request[4].StringValue(),
                Namespace = request[5].StringValue(),
                Operation = request[6].StringValue(),
                Object = request[7],
                OldObject = request[8],
                DryRun = request[9]?.ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => null,
                },
            },
        };
    }
}

/// <summary>The <c>request</c> of an AdmissionReview.</summary>
public sealed class AdmissionRequest
{
    public string? Uid { get; set; }

    public GroupVersionKind? Kind { get; set; }

    public GroupVersionResource? Resource { get; set; }

    public string? SubResource { get; set; }

    public string? Name { get; set; }

    public string? Namespace { get; set; }

    /// <summary>CREATE, UPDATE, DELETE or CONNECT.</summary>
    public string? Operation { get; set; }

    /// <summary>The object being admitted, in place in the body.</summary>
    public JsonText? Object { get; set; }

    public JsonText? OldObject { get; set; }

    public bool? DryRun { get; set; }
}

public sealed record GroupVersionKind(
    [property: JsonPropertyName("group")] string? Group,
    [property: JsonPropertyName("version")] string? Version,
    [property: JsonPropertyName("kind")] string? Kind);

public sealed record GroupVersionResource(
    [property: JsonPropertyName("group")] string? Group,
    [property: JsonPropertyName("version")] string? Version,
    [property: JsonPropertyName("resource")] string? Resource);

/// <summary>The answer: an AdmissionReview with <c>response</c> (uid echoed).</summary>
public sealed record AdmissionReviewResponse(
    [property: JsonPropertyName("apiVersion")] string ApiVersion,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("response")] AdmissionResponse Response);

/// <summary>The <c>response</c> of an AdmissionReview.</summary>
public sealed record AdmissionResponse(
    [property: JsonPropertyName("uid")] string Uid,
    [property: JsonPropertyName("allowed")] bool Allowed,
    [property: JsonPropertyName("status"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] AdmissionStatus? Status,
    [property: JsonPropertyName("warnings"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Warnings);

/// <summary>A metav1.Status for a denial: the message kubectl shows and the fields at fault.</summary>
public sealed record AdmissionStatus(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("details"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] AdmissionStatusDetails? Details);

public sealed record AdmissionStatusDetails(
    [property: JsonPropertyName("name"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Name,
    [property: JsonPropertyName("group"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Group,
    [property: JsonPropertyName("kind"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Kind,
    [property: JsonPropertyName("causes")] IReadOnlyList<AdmissionStatusCause> Causes);

/// <summary>A metav1.StatusCause: reason (FieldValueInvalid, FieldValueDuplicate, FieldValueNotFound, ...), message, field.</summary>
public sealed record AdmissionStatusCause(
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("field")] string Field);
