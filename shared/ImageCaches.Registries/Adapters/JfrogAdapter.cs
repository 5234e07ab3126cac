using System.Text.Json;

namespace ImageCacheFunctions.ImageCaches.Registries.Adapters;

/// <summary>
/// JFrog Artifactory webhooks, domain <c>docker</c>, event <c>pushed</c>: <c>data{repo_key,
/// image_name, tag, sha256}</c> (<c>sha256</c> is the manifest's digest). The host is the
/// configured registry, else <c>jpd_origin</c>'s; the reference follows the source's
/// repository layout (repository path, sub-domain or port).
/// </summary>
internal sealed class JfrogAdapter : IRegistryAdapter
{
    public WebhookSourceType Type => WebhookSourceType.Jfrog;

    public bool Recognises(IncomingPayload payload) =>
        payload.Mode == CloudEventMode.None
        && payload.Json is { ValueKind: JsonValueKind.Object } json
        && json.String("domain") is not null
        && json.String("event_type") is not null;

    public WebhookOutcome Read(IncomingPayload payload, WebhookSource source)
    {
        if (!AdapterOutcomes.TryGetJson(payload, source, JsonValueKind.Object, out var root, out var rejection))
        {
            return rejection!;
        }

        var collector = new PushCollector(source);
        var domain = root.String("domain");
        var eventType = root.String("event_type");
        if (domain != "docker" || eventType != "pushed")
        {
            collector.Ignore(
                $"{DistributionEventReader.Shorten(domain ?? "(none)")}/{DistributionEventReader.Shorten(eventType ?? "(none)")}",
                "not a docker push");
            return collector.Outcome();
        }

        if (root.Object("data") is not { } data)
        {
            return AdapterOutcomes.Malformed(source, "the JFrog event has no data object");
        }

        var repoKey = data.String("repo_key");
        var imageName = data.String("image_name");
        var host = source.Registry ?? DistributionEventReader.HostOf(root.String("jpd_origin"));
        string? registry;
        string? repository;
        switch (source.RepositoryLayout)
        {
            case JfrogRepositoryLayout.Subdomain:
                registry = host is null || repoKey is null ? null : $"{repoKey.ToLowerInvariant()}.{host}";
                repository = imageName;
                break;
            case JfrogRepositoryLayout.Port:
                registry = host;
                repository = imageName;
                break;
            default:
                registry = host;
                repository = repoKey is null || imageName is null ? null : $"{repoKey}/{imageName}";
                break;
        }

        var sha256 = data.String("sha256").NullIfEmpty();
        collector.Add(
            "data",
            new PushFields(registry, repository, data.String("tag"), sha256 is null ? null : "sha256:" + sha256, null, null, null),
            registryIsFinal: true);
        return collector.Outcome();
    }
}
