using System.Text.Json;

namespace ImageCacheFunctions.ImageCaches.Registries.Adapters;

/// <summary>
/// Alibaba Cloud ACR triggers (personal and Enterprise Edition): <c>push_data{digest, pushed_at,
/// tag}</c> and <c>repository{region, namespace, name, repo_full_name}</c>. The payload has no
/// host: the configured registry, else the personal edition's <c>registry.&lt;region&gt;.aliyuncs.com</c>
/// (Enterprise Edition instances must configure theirs). Times have no zone: read in the
/// source's <c>timestampOffset</c> (default +08:00).
/// </summary>
internal sealed class AlibabaAcrAdapter : IRegistryAdapter
{
    public WebhookSourceType Type => WebhookSourceType.AlibabaAcr;

    public bool Recognises(IncomingPayload payload) =>
        payload.Mode == CloudEventMode.None
        && payload.Json is { ValueKind: JsonValueKind.Object } json
        && json.Object("push_data") is not null
        && json.Object("repository") is { } repository
        && (repository.Has("repo_full_name") || repository.Has("region"))
        && !repository.Has("repo_name");

    public WebhookOutcome Read(IncomingPayload payload, WebhookSource source)
    {
        if (!AdapterOutcomes.TryGetJson(payload, source, JsonValueKind.Object, out var root, out var rejection))
        {
            return rejection!;
        }

        if (root.Object("push_data") is not { } push)
        {
            return AdapterOutcomes.Malformed(source, "the ACR payload has no push_data object");
        }

        var repository = root.Object("repository");
        var region = repository.String("region");
        var registry = region is { Length: > 0 and <= 40 } && region.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
            ? $"registry.{region}.aliyuncs.com"
            : null;
        var fullName = repository.String("repo_full_name")
            ?? (repository.String("namespace") is { } ns && repository.String("name") is { } name ? $"{ns}/{name}" : null);

        var collector = new PushCollector(source);
        collector.Add("push_data", new PushFields(
            registry,
            fullName,
            push.String("tag"),
            push.String("digest"),
            null,
            Timestamps.ParseLocal(push.String("pushed_at"), source.TimestampOffset),
            null));
        return collector.Outcome();
    }
}
