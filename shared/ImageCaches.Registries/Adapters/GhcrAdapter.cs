using System.Text.Json;
using ImageCacheFunctions.ImageCaches.Images;

namespace ImageCacheFunctions.ImageCaches.Registries.Adapters;

/// <summary>
/// GitHub Container Registry through GitHub webhooks: <c>X-GitHub-Event: package</c> (or the
/// older <c>registry_package</c>), action <c>published</c>/<c>updated</c>, container packages
/// only. Reference from <c>package_version.package_url</c> (lower-cased, as GHCR names are),
/// tag from <c>container_metadata.tag.name</c> (empty for an untagged manifest: a push by
/// digest), digest from <c>package_version.name</c>, delivery id from <c>X-GitHub-Delivery</c>.
/// </summary>
internal sealed class GhcrAdapter : IRegistryAdapter
{
    private const string DefaultHost = "ghcr.io";

    public WebhookSourceType Type => WebhookSourceType.Ghcr;

    public bool Recognises(IncomingPayload payload) =>
        payload.Request.Header("X-GitHub-Event") is not null
        || (payload.Mode == CloudEventMode.None
            && payload.Json is { ValueKind: JsonValueKind.Object } json
            && json.String("action") is not null
            && (json.Object("package") is not null || json.Object("registry_package") is not null));

    public WebhookOutcome Read(IncomingPayload payload, WebhookSource source)
    {
        var collector = new PushCollector(source);
        var gitHubEvent = payload.Request.Header("X-GitHub-Event")?.Trim();
        if (gitHubEvent == "ping")
        {
            collector.Ignore("ping", "GitHub webhook ping");
            return collector.Outcome();
        }

        if (gitHubEvent is not (null or "package" or "registry_package"))
        {
            collector.Ignore(DistributionEventReader.Shorten(gitHubEvent), "a GitHub event that is not a package event");
            return collector.Outcome();
        }

        if (!AdapterOutcomes.TryGetJson(payload, source, JsonValueKind.Object, out var root, out var rejection))
        {
            return rejection!;
        }

        if ((root.Object("package") ?? root.Object("registry_package")) is not { } package)
        {
            return AdapterOutcomes.Malformed(source, "the GitHub payload has no package object");
        }

        var action = root.String("action");
        if (action is not ("published" or "updated"))
        {
            collector.Ignore("package", $"action {DistributionEventReader.Shorten(action ?? "(none)")} is not a publish");
            return collector.Outcome();
        }

        // GitHub's own sample says package_type "npm" with ecosystem "docker"; real container events say CONTAINER.
        var packageType = package.String("package_type");
        var ecosystem = package.String("ecosystem");
        var isContainer = string.Equals(packageType, "container", StringComparison.OrdinalIgnoreCase)
            || string.Equals(ecosystem, "docker", StringComparison.OrdinalIgnoreCase)
            || string.Equals(ecosystem, "container", StringComparison.OrdinalIgnoreCase);
        if (!isContainer)
        {
            collector.Ignore("package", $"package type {DistributionEventReader.Shorten(packageType ?? "(none)")} is not a container");
            return collector.Outcome();
        }

        var version = package.Object("package_version");
        var metadata = version.Object("container_metadata");
        var (host, repository) = NameOf(version.String("package_url"), package);
        var digestCandidates = new[] { version.String("name"), version.String("version"), metadata.Object("manifest").String("digest") };
        var digest = digestCandidates.FirstOrDefault(d => Digest.TryParse(d, out _)) ?? digestCandidates.FirstOrDefault(d => d is not null);

        var time = Timestamps.ParseIso(version.String("updated_at"));
        if (!Timestamps.IsPlausible(time))
        {
            time = Timestamps.ParseIso(version.String("created_at"));
        }

        if (!Timestamps.IsPlausible(time))
        {
            time = Timestamps.ParseIso(package.String("updated_at"));
        }

        collector.Add("package_version", new PushFields(
            host,
            repository,
            metadata.Object("tag").String("name"),
            digest,
            metadata.Object("manifest").String("media_type"),
            Timestamps.IsPlausible(time) ? time : null,
            payload.Request.Header("X-GitHub-Delivery")?.Trim()));
        return collector.Outcome();
    }

    private static (string? Host, string? Repository) NameOf(string? packageUrl, JsonElement package)
    {
        if (packageUrl is { Length: > 0 })
        {
            // ghcr.io/Owner/name:tag (the tag empty for untagged versions).
            var name = packageUrl;
            var colon = name.LastIndexOf(':');
            if (colon > name.LastIndexOf('/'))
            {
                name = name[..colon];
            }

            var slash = name.IndexOf('/', StringComparison.Ordinal);
            if (slash > 0)
            {
                return (name[..slash].ToLowerInvariant(), name[(slash + 1)..].ToLowerInvariant());
            }
        }

        var owner = package.Object("owner").String("login");
        var packageName = package.String("name");
        return owner is null || packageName is null
            ? (DefaultHost, null)
            : (DefaultHost, $"{owner}/{packageName}".ToLowerInvariant());
    }
}
