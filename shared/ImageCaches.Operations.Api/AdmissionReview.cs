using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ImageCacheFunctions.ImageCaches.Operations.Api;

/// <summary>
/// An <c>admission.k8s.io/v1</c> AdmissionReview as the API server sends it to a webhook (the
/// fields this webhook reads) and as the webhook answers (<see cref="AdmissionReviewResponse"/>).
/// </summary>
public sealed class AdmissionReview
{
    public const string ApiVersionV1 = "admission.k8s.io/v1";
    public const string ReviewKind = "AdmissionReview";

    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("request")]
    public AdmissionRequest? Request { get; set; }
}

/// <summary>The <c>request</c> of an AdmissionReview.</summary>
public sealed class AdmissionRequest
{
    [JsonPropertyName("uid")]
    public string? Uid { get; set; }

    [JsonPropertyName("kind")]
    public GroupVersionKind? Kind { get; set; }

    [JsonPropertyName("resource")]
    public GroupVersionResource? Resource { get; set; }

    [JsonPropertyName("subResource")]
    public string? SubResource { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("namespace")]
    public string? Namespace { get; set; }

    /// <summary>CREATE, UPDATE, DELETE or CONNECT.</summary>
    [JsonPropertyName("operation")]
    public string? Operation { get; set; }

    [JsonPropertyName("object")]
    public JsonNode? Object { get; set; }

    [JsonPropertyName("oldObject")]
    public JsonNode? OldObject { get; set; }

    [JsonPropertyName("dryRun")]
    public bool? DryRun { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
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
