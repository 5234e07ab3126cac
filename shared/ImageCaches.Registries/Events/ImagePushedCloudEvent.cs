using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using ImageCacheFunctions.ImageCaches.Images;

namespace ImageCacheFunctions.ImageCaches.Registries;

/// <summary>
/// <see cref="ImagePushed"/> as a CloudEvent: type <see cref="ImagePushed.CloudEventType"/>,
/// source <c>/registries/&lt;source-name&gt;</c>, id <see cref="ImagePushed.EventId"/>, subject the
/// image reference, time the push time, JSON data with every field.
/// </summary>
public static class ImagePushedCloudEvent
{
    /// <summary>Prefix of the CloudEvent source; the source name follows.</summary>
    public const string SourcePrefix = "/registries/";

    /// <summary>The JSON event format used to encode and decode these events.</summary>
    public static JsonEventFormatter Formatter { get; } = new();

    public static CloudEvent ToCloudEvent(this ImagePushed pushed)
    {
        ArgumentNullException.ThrowIfNull(pushed);
        var data = new JsonObject
        {
            ["image"] = pushed.Image.ToString(),
            ["registry"] = pushed.Registry,
            ["repository"] = pushed.Repository,
            ["tag"] = pushed.Tag,
            ["digest"] = pushed.Digest?.ToString(),
            ["mediaType"] = pushed.MediaType,
            ["pushedAt"] = pushed.PushedAt?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
            ["deliveryId"] = pushed.DeliveryId,
            ["source"] = pushed.SourceName,
        };

        return new CloudEvent(CloudEventsSpecVersion.V1_0)
        {
            // A hand-built event may carry an id a CloudEvent cannot (control characters).
            Id = pushed.EventId is { Length: > 0 } id && !id.Any(char.IsControl) ? id : pushed.ComputeEventId(),
            Source = new Uri(SourcePrefix + Uri.EscapeDataString(pushed.SourceName), UriKind.Relative),
            Type = ImagePushed.CloudEventType,
            Subject = pushed.Image.ToString(),
            Time = pushed.PushedAt,
            DataContentType = "application/json",
            Data = JsonSerializer.SerializeToElement(data),
        };
    }

    /// <summary>Structured-mode JSON (<c>application/cloudevents+json</c>) of the event.</summary>
    public static ReadOnlyMemory<byte> ToStructuredJson(this ImagePushed pushed) =>
        Formatter.EncodeStructuredModeMessage(pushed.ToCloudEvent(), out _);

    /// <summary>
    /// Reads one of our own events back. <paramref name="sourceName"/> names the receiving
    /// source; when null the name in the event's <c>source</c> is kept.
    /// </summary>
    public static bool TryFromCloudEvent(CloudEvent cloudEvent, string? sourceName, out ImagePushed? pushed, out string? error)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        pushed = null;
        if (cloudEvent.Type != ImagePushed.CloudEventType)
        {
            error = $"event type '{cloudEvent.Type}' is not {ImagePushed.CloudEventType}";
            return false;
        }

        if (CloudEventData.AsJson(cloudEvent) is not { ValueKind: JsonValueKind.Object } data)
        {
            error = "event data is not a JSON object";
            return false;
        }

        Digest? digest = null;
        if (data.String("digest") is { Length: > 0 } digestText)
        {
            if (!Digest.TryParse(digestText, out var parsed, out error))
            {
                return false;
            }

            digest = parsed;
        }

        var tag = data.String("tag") is { Length: > 0 } t ? t : null;
        var registry = data.String("registry");
        var repository = data.String("repository");
        if (registry is null || repository is null)
        {
            // Minimal producers may send only "image" (a full reference).
            if (data.String("image") is not { } imageText)
            {
                error = "event data has neither registry and repository nor image";
                return false;
            }

            if (!ImageReference.TryParse(imageText, out var parsedImage, out error))
            {
                return false;
            }

            registry = parsedImage!.Registry;
            repository = parsedImage.Repository;
            tag ??= parsedImage.Tag;
            digest ??= parsedImage.Digest;
        }

        if (!ImageReference.TryCreate(registry, repository, tag, digest, out var image, out error))
        {
            return false;
        }

        var name = sourceName ?? SourceNameOf(cloudEvent) ?? data.String("source");
        if (string.IsNullOrEmpty(name))
        {
            error = $"event source '{cloudEvent.Source}' does not name a registry source";
            return false;
        }

        pushed = new ImagePushed(
            image!.Registry,
            image.Repository,
            image.Tag,
            image.Digest,
            data.String("mediaType"),
            cloudEvent.Time ?? Timestamps.ParseIso(data.String("pushedAt")),
            data.String("deliveryId"),
            name)
        {
            // A null id falls back to the deterministic one.
            EventId = cloudEvent.Id!,
        };
        error = null;
        return true;
    }

    private static string? SourceNameOf(CloudEvent cloudEvent)
    {
        var source = cloudEvent.Source?.OriginalString;
        return source is not null && source.StartsWith(SourcePrefix, StringComparison.Ordinal) && source.Length > SourcePrefix.Length
            ? Uri.UnescapeDataString(source[SourcePrefix.Length..])
            : null;
    }
}
