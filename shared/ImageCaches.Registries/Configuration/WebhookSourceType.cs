namespace ImageCacheFunctions.ImageCaches.Registries;

/// <summary>The webhook formats the function reads; the configuration names them in lower case.</summary>
public enum WebhookSourceType
{
    /// <summary><c>acr</c>: Alibaba Cloud Container Registry, personal and Enterprise Edition triggers.</summary>
    AlibabaAcr,

    /// <summary><c>harbor</c>: Harbor, default JSON and CloudEvents payload formats.</summary>
    Harbor,

    /// <summary><c>dockerhub</c>: Docker Hub repository webhooks.</summary>
    DockerHub,

    /// <summary><c>distribution</c> (alias <c>gitlab</c>): CNCF distribution notifications, v1 and v2 envelopes.</summary>
    Distribution,

    /// <summary><c>ghcr</c>: GitHub <c>package</c> / <c>registry_package</c> webhooks.</summary>
    Ghcr,

    /// <summary><c>quay</c>: Quay repository push notifications.</summary>
    Quay,

    /// <summary><c>azure-acr</c>: Azure Container Registry webhooks.</summary>
    AzureAcr,

    /// <summary><c>eventgrid</c>: Azure Event Grid, Event Grid schema and CloudEvents schema.</summary>
    EventGrid,

    /// <summary><c>ecr</c>: AWS ECR image actions delivered by an EventBridge API destination.</summary>
    Ecr,

    /// <summary><c>gar</c>: Google Artifact Registry notifications through a Pub/Sub push subscription.</summary>
    Gar,

    /// <summary><c>jfrog</c>: JFrog Artifactory docker-domain webhooks.</summary>
    Jfrog,

    /// <summary><c>cloudevents</c>: any CloudEvents 1.0 producer (binary, structured, batch) whose data names an image.</summary>
    CloudEvents,
}

/// <summary>The configuration names of <see cref="WebhookSourceType"/>.</summary>
public static class WebhookSourceTypeNames
{
    private static readonly Dictionary<string, WebhookSourceType> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["acr"] = WebhookSourceType.AlibabaAcr,
        ["harbor"] = WebhookSourceType.Harbor,
        ["dockerhub"] = WebhookSourceType.DockerHub,
        ["distribution"] = WebhookSourceType.Distribution,
        ["gitlab"] = WebhookSourceType.Distribution,
        ["ghcr"] = WebhookSourceType.Ghcr,
        ["quay"] = WebhookSourceType.Quay,
        ["azure-acr"] = WebhookSourceType.AzureAcr,
        ["eventgrid"] = WebhookSourceType.EventGrid,
        ["ecr"] = WebhookSourceType.Ecr,
        ["gar"] = WebhookSourceType.Gar,
        ["jfrog"] = WebhookSourceType.Jfrog,
        ["cloudevents"] = WebhookSourceType.CloudEvents,
    };

    /// <summary>The names accepted in configuration, for error messages.</summary>
    public static string Known => "acr, harbor, dockerhub, distribution (or gitlab), ghcr, quay, azure-acr, eventgrid, ecr, gar, jfrog, cloudevents";

    public static bool TryParse(string? name, out WebhookSourceType type) =>
        ByName.TryGetValue(name?.Trim() ?? string.Empty, out type);

    public static string NameOf(WebhookSourceType type) => type switch
    {
        WebhookSourceType.AlibabaAcr => "acr",
        WebhookSourceType.AzureAcr => "azure-acr",
        _ => type.ToString().ToLowerInvariant(),
    };
}
