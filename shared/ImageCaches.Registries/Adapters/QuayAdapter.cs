using System.Text.Json;

namespace ImageCacheFunctions.ImageCaches.Registries.Adapters;

/// <summary>
/// Quay repository push notifications: <c>docker_url</c> (<c>host/namespace/repo</c>),
/// <c>repository</c> and <c>updated_tags[]</c> — one event per tag, no digest, no time.
/// </summary>
internal sealed class QuayAdapter : IRegistryAdapter
{
    private const string DefaultHost = "quay.io";

    public WebhookSourceType Type => WebhookSourceType.Quay;

    public bool Recognises(IncomingPayload payload) =>
        payload.Mode == CloudEventMode.None
        && payload.Json is { ValueKind: JsonValueKind.Object } json
        && json.String("docker_url") is not null
        && json.Array("updated_tags") is not null;

    public WebhookOutcome Read(IncomingPayload payload, WebhookSource source)
    {
        if (!AdapterOutcomes.TryGetJson(payload, source, JsonValueKind.Object, out var root, out var rejection))
        {
            return rejection!;
        }

        if (root.Array("updated_tags") is not { } tags)
        {
            return AdapterOutcomes.Malformed(source, "the Quay payload has no updated_tags array");
        }

        string host = DefaultHost;
        var repository = root.String("repository");
        if (root.String("docker_url") is { } dockerUrl && dockerUrl.IndexOf('/', StringComparison.Ordinal) is > 0 and var slash)
        {
            host = dockerUrl[..slash];
            repository = dockerUrl[(slash + 1)..];
        }

        var collector = new PushCollector(source);
        var index = 0;
        foreach (var tag in tags.EnumerateArray())
        {
            var item = $"updated_tags[{index++}]";
            if (tag.ValueKind != JsonValueKind.String)
            {
                collector.Reject(item, "the tag is not a string");
                continue;
            }

            collector.Add(item, new PushFields(host, repository, tag.Utf16("updated_tags[]"), null, null, null, null));
        }

        return collector.Outcome();
    }
}
