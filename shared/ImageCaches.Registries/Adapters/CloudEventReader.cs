using System.Text.Json;
using CloudNative.CloudEvents;
using ImageCacheFunctions.ImageCaches.Images;

namespace ImageCacheFunctions.ImageCaches.Registries.Adapters;

/// <summary>
/// Reads one decoded CloudEvent: our own <see cref="ImagePushed.CloudEventType"/>, Harbor's
/// <c>harbor.artifact.pushed</c>, Azure's <c>Microsoft.ContainerRegistry.ImagePushed</c>, or
/// any other type whose data names an image (<c>image</c>; or <c>repository</c> with
/// <c>tag</c>/<c>digest</c> and optionally <c>registry</c>/<c>host</c>; or a distribution-style
/// <c>target</c>). Other Harbor and Azure registry types (deletes, scans, pulls) are ignored.
/// </summary>
internal static class CloudEventReader
{
    public const string HarborPushed = "harbor.artifact.pushed";
    public const string AzurePushed = "Microsoft.ContainerRegistry.ImagePushed";

    public static void Read(CloudEvent cloudEvent, string item, PushCollector collector)
    {
        var type = cloudEvent.Type ?? string.Empty;
        item = $"{item} {DistributionEventReader.Shorten(type)}";
        if (type == ImagePushed.CloudEventType)
        {
            if (ImagePushedCloudEvent.TryFromCloudEvent(cloudEvent, collector.Source.Name, out var pushed, out var error))
            {
                collector.Add(item, new PushFields(
                    pushed!.Registry,
                    pushed.Repository,
                    pushed.Tag,
                    pushed.Digest?.ToString(),
                    pushed.MediaType,
                    pushed.PushedAt,
                    pushed.DeliveryId,
                    cloudEvent.Id));
            }
            else
            {
                collector.Reject(item, error!);
            }

            return;
        }

        var data = CloudEventData.AsJson(cloudEvent);
        if (type == HarborPushed)
        {
            if (data is not { } harborData)
            {
                collector.Reject(item, "the event has no JSON data");
                return;
            }

            HarborEventReader.Read(harborData, item, collector, cloudEvent.Time, cloudEvent.Id);
            return;
        }

        if (type.StartsWith("harbor.", StringComparison.Ordinal))
        {
            collector.Ignore(item, "a Harbor event that is not a push");
            return;
        }

        if (type == AzurePushed)
        {
            if (data is not { } azureData)
            {
                collector.Reject(item, "the event has no JSON data");
                return;
            }

            DistributionEventReader.Read(azureData, item, collector, cloudEvent.Id, cloudEvent.Time);
            return;
        }

        if (type.StartsWith("Microsoft.", StringComparison.Ordinal))
        {
            collector.Ignore(item, "an Azure event that is not an image push");
            return;
        }

        ReadGeneric(data, item, collector, cloudEvent);
    }

    private static void ReadGeneric(JsonElement? data, string item, PushCollector collector, CloudEvent cloudEvent)
    {
        if (data is not { ValueKind: JsonValueKind.Object } fields)
        {
            collector.Reject(item, "the event data is not a JSON object naming an image");
            return;
        }

        if (fields.Object("target") is not null && fields.String("action") is not null)
        {
            DistributionEventReader.Read(fields, item, collector, cloudEvent.Id, cloudEvent.Time);
            return;
        }

        var mediaType = fields.String("mediaType") ?? fields.String("media_type");
        if (fields.String("image") is { } imageText)
        {
            if (!ImageReference.TryParse(imageText, out var image, out var error))
            {
                collector.Reject(item, error!);
                return;
            }

            collector.Add(item, new PushFields(
                image!.Registry,
                image.Repository,
                fields.String("tag") ?? image.Tag,
                fields.String("digest") ?? image.Digest?.ToString(),
                mediaType,
                cloudEvent.Time,
                cloudEvent.Id));
            return;
        }

        if (fields.String("repository") is { } repository)
        {
            var registry = fields.String("registry") ?? fields.String("host");
            if (registry is null)
            {
                // "repository" may be a full name: ghcr.io/owner/app.
                var slash = repository.IndexOf('/', StringComparison.Ordinal);
                if (slash > 0 && RegistryHost.IsRecognisedAsRegistry(repository[..slash]))
                {
                    registry = repository[..slash];
                    repository = repository[(slash + 1)..];
                }
            }

            collector.Add(item, new PushFields(
                registry,
                repository,
                fields.String("tag"),
                fields.String("digest"),
                mediaType,
                cloudEvent.Time,
                cloudEvent.Id));
            return;
        }

        collector.Reject(item, "the event data names no image (expected image, or repository with tag or digest)");
    }
}
