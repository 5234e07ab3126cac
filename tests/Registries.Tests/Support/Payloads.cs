using System.Text;

namespace ImageCacheFunctions.Registries.Tests.Support;

/// <summary>The vendor sample payloads copied into Payloads/ (from shared/payloads).</summary>
public static class Payloads
{
    public static readonly string[] All =
    [
        "acr-alibaba-push.json",
        "aws-ecr-eventbridge.json",
        "azure-acr-eventgrid.json",
        "azure-acr-push.json",
        "azure-eventgrid-subscription-validation.json",
        "distribution-notification.json",
        "dockerhub-push.json",
        "gar-pubsub.json",
        "ghcr-package-published.json",
        "harbor-push-cloudevents.json",
        "harbor-push-default.json",
        "jfrog-artifactory-docker-pushed.json",
        "pubsub-push-envelope-doc.json",
        "quay-push.json",
    ];

    /// <summary>Which test source and content type each sample is posted with.</summary>
    public static (string Source, string ContentType) SenderOf(string sample) => sample switch
    {
        "acr-alibaba-push.json" => ("acr", "application/json"),
        "aws-ecr-eventbridge.json" => ("ecr", "application/json"),
        "azure-acr-eventgrid.json" => ("eventgrid", "application/json"),
        "azure-acr-push.json" => ("azure-acr", "application/json"),
        "azure-eventgrid-subscription-validation.json" => ("eventgrid", "application/json"),
        "distribution-notification.json" => ("distribution", "application/vnd.docker.distribution.events.v1+json"),
        "dockerhub-push.json" => ("hub", "application/json"),
        "gar-pubsub.json" => ("gar", "application/json"),
        "ghcr-package-published.json" => ("ghcr", "application/json"),
        "harbor-push-cloudevents.json" => ("harbor", "application/cloudevents+json"),
        "harbor-push-default.json" => ("harbor", "application/json"),
        "jfrog-artifactory-docker-pushed.json" => ("jfrog", "application/json"),
        "pubsub-push-envelope-doc.json" => ("gar", "application/json"),
        "quay-push.json" => ("quay", "application/json"),
        _ => throw new ArgumentOutOfRangeException(nameof(sample), sample, "unknown sample"),
    };

    /// <summary>Headers the real sender adds besides authentication.</summary>
    public static Dictionary<string, string> SenderHeaders(string sample) => sample switch
    {
        "ghcr-package-published.json" => new()
        {
            ["X-GitHub-Event"] = "package",
            ["X-GitHub-Delivery"] = "72d3162e-cc78-11e3-81ab-4c9367dc0958",
            ["User-Agent"] = "GitHub-Hookshot/044aadd",
        },
        "azure-acr-eventgrid.json" => new() { ["aeg-event-type"] = "Notification" },
        "azure-eventgrid-subscription-validation.json" => new() { ["aeg-event-type"] = "SubscriptionValidation" },
        _ => [],
    };

    public static byte[] Bytes(string sample) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Payloads", sample));

    public static string Text(string sample) => Encoding.UTF8.GetString(Bytes(sample));
}
