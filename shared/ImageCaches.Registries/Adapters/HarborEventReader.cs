using System.Text.Json;

namespace ImageCacheFunctions.ImageCaches.Registries.Adapters;

/// <summary>
/// Harbor's <c>event_data</c> (the CloudEvents format's <c>data</c>): <c>resources[]</c> with
/// <c>digest</c>, <c>tag</c> (the digest again for a push by digest) and <c>resource_url</c>
/// (<c>host/project/repo:tag</c>), and <c>repository.repo_full_name</c>.
/// </summary>
internal static class HarborEventReader
{
    public static void Read(JsonElement eventData, string item, PushCollector collector, DateTimeOffset? time, string? deliveryId)
    {
        if (eventData.ValueKind != JsonValueKind.Object)
        {
            collector.Reject(item, "Harbor event data is not a JSON object");
            return;
        }

        var repository = eventData.Object("repository");
        var fullName = repository.String("repo_full_name")
            ?? (repository.String("namespace") is { } ns && repository.String("name") is { } name ? $"{ns}/{name}" : null);
        if (eventData.Array("resources") is not { } resources)
        {
            collector.Reject(item, "Harbor event data has no resources");
            return;
        }

        var index = 0;
        foreach (var resource in resources.EnumerateArray())
        {
            var resourceItem = $"{item}.resources[{index++}]";
            if (resource.ValueKind != JsonValueKind.Object)
            {
                collector.Reject(resourceItem, "the resource is not a JSON object");
                continue;
            }

            var url = resource.String("resource_url");
            var slash = url?.IndexOf('/', StringComparison.Ordinal) ?? -1;
            var host = slash > 0 ? url![..slash] : null;
            collector.Add(resourceItem, new PushFields(host, fullName, resource.String("tag"), resource.String("digest"), null, time, deliveryId));
        }
    }
}
