using System.Text.Json;

namespace ImageCacheFunctions.ImageCaches.Registries.Adapters;

/// <summary>
/// JFrog Artifactory webhooks, domain <c>docker</c>, event <c>pushed</c>: <c>data{repo_key,
/// image_name, tag, sha256}</c> (<c>sha256</c> is the manifest's digest). The host is the
/// configured registry, else <c>jpd_origin</c>'s; the reference follows the source's
/// repository layout (repository path, sub-domain or port), unless the source maps the event's
/// repository key to the <c>host/path</c> prefixes users pull from (<c>repositoryKeys</c>).
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
        if (domain is null || eventType is null)
        {
            // JFrog's Docker-domain page prints the data document alone; a body like that is a
            // misconfigured sender, and a 200 would make JFrog mark it delivered.
            return AdapterOutcomes.Malformed(
                source,
                root.Has("repo_key") || root.Has("image_name")
                    ? "the body is a JFrog data document without its envelope; expected {\"domain\": \"docker\", \"event_type\": \"pushed\", \"data\": {…}} as JFrog's webhook sends"
                    : "the body is not a JFrog webhook event; expected {\"domain\", \"event_type\", \"data\"}");
        }

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
        var digest = sha256 is null ? null : "sha256:" + sha256;
        if (repoKey is not null && imageName is not null && source.RepositoryKeys.TryGetValue(repoKey, out var prefixes))
        {
            // The configured host/path prefixes users pull this key from (virtual, remote keys).
            for (var i = 0; i < prefixes.Count; i++)
            {
                var slash = prefixes[i].IndexOf('/', StringComparison.Ordinal);
                collector.Add(
                    prefixes.Count == 1 ? "data" : $"data ({prefixes[i]})",
                    new PushFields(prefixes[i][..slash], $"{prefixes[i][(slash + 1)..]}/{imageName}", data.String("tag"), digest, null, null, null),
                    registryIsFinal: true);
            }

            return collector.Outcome();
        }

        collector.Add("data", new PushFields(registry, repository, data.String("tag"), digest, null, null, null), registryIsFinal: true);
        return collector.Outcome();
    }
}
