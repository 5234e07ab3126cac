using System.Text.Json;
using ImageCacheFunctions.ImageCaches.Images;

namespace ImageCacheFunctions.ImageCaches.Registries.Adapters;

/// <summary>
/// Docker Hub repository webhooks: <c>push_data{tag, pushed_at}</c> and
/// <c>repository.repo_name</c>. No host (<c>docker.io</c>) and no digest in this format.
/// </summary>
internal sealed class DockerHubAdapter : IRegistryAdapter
{
    public WebhookSourceType Type => WebhookSourceType.DockerHub;

    public bool Recognises(IncomingPayload payload) =>
        payload.Mode == CloudEventMode.None
        && payload.Json is { ValueKind: JsonValueKind.Object } json
        && json.Object("push_data") is not null
        && json.Object("repository").String("repo_name") is not null;

    public WebhookOutcome Read(IncomingPayload payload, WebhookSource source)
    {
        if (!AdapterOutcomes.TryGetJson(payload, source, JsonValueKind.Object, out var root, out var rejection))
        {
            return rejection!;
        }

        if (root.Object("push_data") is not { } push)
        {
            return AdapterOutcomes.Malformed(source, "the Docker Hub payload has no push_data object");
        }

        var collector = new PushCollector(source);
        collector.Add("push_data", new PushFields(
            RegistryHost.DockerHub,
            root.Object("repository").String("repo_name"),
            push.String("tag"),
            null,
            null,
            Timestamps.FromUnixSeconds(push.Int64("pushed_at")),
            null));
        return collector.Outcome();
    }
}
