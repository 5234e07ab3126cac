using System.Net.Mime;
using System.Text;
using System.Text.Json;
using CloudNative.CloudEvents;

namespace ImageCacheFunctions.ImageCaches.Registries.Adapters;

/// <summary>How a request carries CloudEvents (HTTP protocol binding), if it does.</summary>
internal enum CloudEventMode
{
    None,
    Binary,
    Structured,
    Batch,
}

/// <summary>
/// A request body read once for every adapter: its media type, its JSON (if it is JSON) and
/// its CloudEvents (if it is in a CloudEvents mode), each with the reason when unreadable.
/// </summary>
internal sealed class IncomingPayload : IDisposable
{
    private readonly JsonDocument? document;

    private IncomingPayload(WebhookRequest request, string? mediaType, CloudEventMode mode)
    {
        Request = request;
        MediaType = mediaType;
        Mode = mode;
        if (request.Body.IsEmpty)
        {
            JsonError = "the body is empty";
        }
        else if (!System.Text.Unicode.Utf8.IsValid(request.Body.Span))
        {
            // JSON must be UTF-8; checking once here means no string read later can fail to transcode.
            JsonError = "the body is not valid UTF-8 JSON";
        }
        else
        {
            try
            {
                document = JsonDocument.Parse(request.Body, JsonLimits.DocumentOptions);
            }
            catch (JsonException e)
            {
                JsonError = $"the body is not valid JSON ({e.Message})";
            }
        }

        if (mode == CloudEventMode.None && IsCloudEventsBatch(document))
        {
            // A CloudEvents batch relabelled application/json (proxies rewrite the content type):
            // told by its shape, an array of objects that each carry specversion.
            Mode = CloudEventMode.Batch;
            (CloudEvents, CloudEventsError) = CloudEventsHttp.Decode(request, Mode, BatchMediaType, BatchMediaType);
        }
        else if (mode != CloudEventMode.None)
        {
            (CloudEvents, CloudEventsError) = CloudEventsHttp.Decode(request, mode, mediaType);
        }
    }

    private const string BatchMediaType = "application/cloudevents-batch+json";

    private static bool IsCloudEventsBatch(JsonDocument? document) =>
        document?.RootElement is { ValueKind: JsonValueKind.Array } array
        && array.GetArrayLength() > 0
        && array.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("specversion", out var version) && version.ValueKind == JsonValueKind.String);

    public WebhookRequest Request { get; }

    /// <summary>Lower-case media type of the Content-Type header, without parameters; null when absent.</summary>
    public string? MediaType { get; }

    public CloudEventMode Mode { get; }

    /// <summary>The body's JSON root, when the body is JSON.</summary>
    public JsonElement? Json => document?.RootElement;

    public string? JsonError { get; }

    /// <summary>The decoded CloudEvents, when <see cref="Mode"/> is not None and decoding worked.</summary>
    public IReadOnlyList<CloudEvent>? CloudEvents { get; }

    public string? CloudEventsError { get; }

    /// <summary>
    /// Reads a request, or says why no adapter can (415: a content type that is not JSON).
    /// </summary>
    public static IncomingPayload? TryRead(WebhookRequest request, out string? unsupportedMediaType)
    {
        var mediaType = MediaTypeOf(request.ContentType);
        CloudEventMode mode;
        if (mediaType is not null && mediaType.StartsWith("application/cloudevents-batch", StringComparison.Ordinal))
        {
            mode = CloudEventMode.Batch;
        }
        else if (mediaType is not null && mediaType.StartsWith("application/cloudevents", StringComparison.Ordinal))
        {
            mode = CloudEventMode.Structured;
        }
        else
        {
            mode = request.Header("ce-specversion") is not null ? CloudEventMode.Binary : CloudEventMode.None;
        }

        if (!IsJsonMediaType(mediaType))
        {
            unsupportedMediaType = request.ContentType;
            return null;
        }

        unsupportedMediaType = null;
        return new IncomingPayload(request, mediaType, mode);
    }

    /// <summary>JSON, a <c>+json</c> type, or absent/text (senders that label JSON loosely).</summary>
    public static bool IsJsonMediaType(string? mediaType) =>
        mediaType is null or "" or "application/json" or "text/json" or "text/plain"
        || mediaType.EndsWith("+json", StringComparison.Ordinal);

    public static string? MediaTypeOf(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return null;
        }

        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        return (semicolon < 0 ? contentType : contentType[..semicolon]).Trim().ToLowerInvariant();
    }

    /// <summary>A <see cref="ContentType"/> for the formatter; a malformed header falls back to its media type.</summary>
    public static ContentType ContentTypeOf(string? contentType, string? mediaType)
    {
        try
        {
            return new ContentType(contentType ?? "application/json");
        }
        catch (FormatException)
        {
            return new ContentType(mediaType ?? "application/json");
        }
    }

    /// <summary>The body as text for messages: short, and only when it is text.</summary>
    public string BodyPreview()
    {
        var length = Math.Min(Request.Body.Length, 120);
        return Encoding.UTF8.GetString(Request.Body.Span[..length]);
    }

    public void Dispose() => document?.Dispose();
}
