using System.Text.Json;

namespace ImageCacheFunctions.ImageCaches.Registries.Adapters;

/// <summary>
/// AWS ECR image actions as EventBridge delivers them to an API destination:
/// <c>source: aws.ecr</c>, <c>detail-type: ECR Image Action</c>, <c>detail{action-type: PUSH,
/// result: SUCCESS, repository-name, image-tag, image-digest}</c>. The host is
/// <c>&lt;account&gt;.dkr.ecr.&lt;region&gt;.amazonaws.com</c> (<c>.com.cn</c> in China regions) unless configured.
/// </summary>
internal sealed class EcrAdapter : IRegistryAdapter
{
    public WebhookSourceType Type => WebhookSourceType.Ecr;

    public bool Recognises(IncomingPayload payload) =>
        payload.Mode == CloudEventMode.None
        && payload.Json is { ValueKind: JsonValueKind.Object } json
        && (json.String("source") == "aws.ecr" || json.String("detail-type") == "ECR Image Action");

    public WebhookOutcome Read(IncomingPayload payload, WebhookSource source)
    {
        if (!AdapterOutcomes.TryGetJson(payload, source, JsonValueKind.Object, out var root, out var rejection))
        {
            return rejection!;
        }

        var collector = new PushCollector(source);
        var detailType = root.String("detail-type");
        if (detailType != "ECR Image Action")
        {
            collector.Ignore(DistributionEventReader.Shorten(detailType ?? "event"), "not an ECR image action");
            return collector.Outcome();
        }

        if (root.Object("detail") is not { } detail)
        {
            return AdapterOutcomes.Malformed(source, "the ECR event has no detail object");
        }

        var action = detail.String("action-type");
        var result = detail.String("result");
        if (action != "PUSH" || result != "SUCCESS")
        {
            collector.Ignore("detail", $"action {action ?? "(none)"} with result {result ?? "(none)"} is not a successful push");
            return collector.Outcome();
        }

        collector.Add("detail", new PushFields(
            HostOf(root.Text("account"), root.String("region")),
            detail.String("repository-name"),
            detail.String("image-tag"),
            detail.String("image-digest"),
            detail.String("manifest-media-type"),
            Timestamps.ParseIso(root.String("time")),
            root.String("id")));
        return collector.Outcome();
    }

    private static string? HostOf(string? account, string? region)
    {
        if (account is not { Length: 12 } || !account.All(char.IsAsciiDigit)
            || region is not { Length: > 0 and <= 32 } || !region.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            return null;
        }

        var domain = region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";
        return $"{account}.dkr.ecr.{region}.{domain}";
    }
}
