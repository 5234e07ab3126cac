using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace ImageCacheFunctions.Tests.Support;

/// <summary>
/// The registries that call the webhook in tests: one definition of each source (the production
/// sources-file format), the secret files, the credentials each sender presents, and payloads
/// built the way senders build them. A test project writes the sources it needs.
/// </summary>
public static class Senders
{
    public const string AcrToken = "acr-url-token-1";
    public const string AcrEnterpriseToken = "acr-ee-url-token-2";
    public const string HarborAuthorization = "Basic aGFyYm9yOnNlY3JldA==";
    public const string HubToken = "hub-url-token-3";
    public const string DistributionAuthorization = "Bearer distribution-secret-4";
    public const string GhcrSecret = "ghcr-hmac-secret-5";
    public const string QuayToken = "quay-url-token-6";
    public const string AzureAcrKey = "azure-custom-header-7";
    public const string EventGridToken = "eventgrid-url-token-8";
    public const string EcrApiKey = "ecr-api-key-9";
    public const string GarToken = "gar-url-token-10";
    public const string JfrogSecret = "jfrog-signing-secret-11";
    public const string JfrogToken = "jfrog-plain-token-12";
    public const string CloudEventsToken = "cloudevents-bearer-13";
    public const string EventGridSubscription = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";

    /// <summary>A new ACR Personal Edition instance's public endpoint (crpi-&lt;id&gt;.&lt;region&gt;.personal.cr.aliyuncs.com).</summary>
    public const string CrpiHost = "crpi-k3x9a7b2c1d0e.cn-hangzhou.personal.cr.aliyuncs.com";

    /// <summary>An ACR Enterprise Edition instance, its VPC endpoint (configured on source acr-ee) and one of its custom domains.</summary>
    public const string EnterpriseHost = "myinst-registry.cn-hangzhou.cr.aliyuncs.com";
    public const string EnterpriseVpcHost = "myinst-registry-vpc.cn-hangzhou.cr.aliyuncs.com";
    public const string EnterpriseCustomDomain = "images.example.com";

    /// <summary>Source whose secret file does not exist: loads as broken, the others work.</summary>
    public const string BrokenSource = "broken-harbor";

    /// <summary>The sources registry-webhook's tests configure.</summary>
    public static readonly IReadOnlyList<string> WebhookSources =
        ["distribution", "harbor", "hub", "quay", "eventgrid", "jfrog", "ghcr", "acr", "ci", "acr-crpi", "acr-ee", "jfrog-keys", "gar", BrokenSource];

    /// <summary>The sources the registries library's tests configure: one per format, none ambiguous.</summary>
    public static readonly IReadOnlyList<string> FormatSources =
        ["acr", "acr-ee", "harbor", "hub", "distribution", "ghcr", "quay", "azure-acr", "eventgrid", "ecr", "gar", "jfrog", "jfrog-token", "cloudevents"];

    private static readonly Dictionary<string, string> Definitions = new(StringComparer.Ordinal)
    {
        ["acr"] = "type: acr\n    auth: { type: url-token, secretFile: secrets/acr }",
        ["acr-crpi"] = $"type: acr\n    registry: {CrpiHost}\n    auth: {{ type: url-token, secretFile: secrets/acr }}",
        ["acr-ee"] = $"type: acr\n    registry: {EnterpriseVpcHost}\n    aliases: [{EnterpriseCustomDomain}]\n    auth: {{ type: url-token, parameter: key, secretFile: secrets/acr-ee }}",
        ["harbor"] = "type: harbor\n    auth: { type: header, header: Authorization, secretFile: secrets/harbor }",
        [BrokenSource] = "type: harbor\n    auth: { type: header, secretFile: secrets/never-created }",
        ["hub"] = "type: dockerhub\n    auth: { type: url-token, secretFile: secrets/hub }",
        ["distribution"] = "type: distribution\n    auth: { type: header, header: Authorization, secretFile: secrets/distribution }",
        ["ghcr"] = "type: ghcr\n    auth: { type: hmac-sha256, secretFile: secrets/ghcr }",
        ["quay"] = "type: quay\n    auth: { type: url-token, secretFile: secrets/quay }",
        ["azure-acr"] = "type: azure-acr\n    auth: { type: header, header: X-Acr-Key, secretFile: secrets/azure-acr }",
        ["eventgrid"] = $"type: eventgrid\n    auth: {{ type: url-token, secretFile: secrets/eventgrid }}\n    allowedOrigins: [eventgrid.azure.net]\n    eventGrid:\n      subscriptionIds: [{EventGridSubscription}]",
        ["ecr"] = "type: ecr\n    auth: { type: header, header: x-api-key, secretFile: secrets/ecr }",
        ["gar"] = "type: gar\n    auth: { type: url-token, secretFile: secrets/gar }",
        ["jfrog"] = "type: jfrog\n    auth: { type: hmac-sha256, secretFile: secrets/jfrog }",
        ["jfrog-keys"] = "type: jfrog\n    repositoryKeys:\n      docker-remote-cache: [example.jfrog.io/docker, example.jfrog.io/docker-virtual]\n    auth: { type: hmac-sha256, secretFile: secrets/jfrog }",
        ["jfrog-token"] = "type: jfrog\n    registry: artifactory.example.com\n    auth: { type: header, secretFile: secrets/jfrog-token }",
        ["cloudevents"] = "type: cloudevents\n    registry: registry.example.com\n    auth: { type: bearer, secretFile: secrets/cloudevents }\n    allowedOrigins: [ce.example.com]\n    allowedRate: 120",
        ["ci"] = "type: cloudevents\n    auth: { type: bearer, secretFile: secrets/cloudevents }\n    allowedOrigins: [ci.example.com]",
    };

    private static readonly (string File, string Value)[] Secrets =
    [
        ("acr", AcrToken), ("acr-ee", AcrEnterpriseToken), ("harbor", HarborAuthorization), ("hub", HubToken),
        ("distribution", DistributionAuthorization), ("ghcr", GhcrSecret + "\n"), ("quay", QuayToken), ("azure-acr", AzureAcrKey),
        ("eventgrid", EventGridToken), ("ecr", EcrApiKey), ("gar", GarToken), ("jfrog", JfrogSecret), ("jfrog-token", JfrogToken),
        ("cloudevents", CloudEventsToken),
    ];

    /// <summary>The sources file text for <paramref name="sources"/> (default <see cref="WebhookSources"/>).</summary>
    public static string SourcesYaml(IEnumerable<string>? sources = null, long? maxBodyBytes = null)
    {
        var yaml = new StringBuilder();
        if (maxBodyBytes is { } limit)
        {
            yaml.Append("maxBodyBytes: ").Append(limit).Append('\n');
        }

        yaml.Append("sources:\n");
        foreach (var name in sources ?? WebhookSources)
        {
            yaml.Append("  ").Append(name).Append(":\n    ").Append(Definitions[name]).Append('\n');
        }

        return yaml.ToString();
    }

    /// <summary>Writes every secret file under <c>secrets/</c> and the sources file into <paramref name="directory"/>; returns the file.</summary>
    public static string WriteSourcesFile(string directory, IEnumerable<string>? sources = null, long? maxBodyBytes = null)
    {
        var secrets = Path.Combine(directory, "secrets");
        Directory.CreateDirectory(secrets);
        foreach (var (name, value) in Secrets)
        {
            File.WriteAllText(Path.Combine(secrets, name), value);
        }

        var file = Path.Combine(directory, "sources.yaml");
        File.WriteAllText(file, SourcesYaml(sources, maxBodyBytes));
        return file;
    }

    /// <summary>
    /// The credentials <paramref name="source"/> presents for <paramref name="body"/> as (query,
    /// headers); <paramref name="forged"/> changes each secret (a wrong token, a signature by another key).
    /// </summary>
    public static (Dictionary<string, string> Query, Dictionary<string, string> Headers) Credentials(string source, byte[] body, bool forged = false)
    {
        string Secret(string value) => forged ? value + "-forged" : value;
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        switch (source)
        {
            case "acr" or "acr-crpi":
                query["token"] = Secret(AcrToken);
                break;
            case "acr-ee":
                query["key"] = Secret(AcrEnterpriseToken);
                break;
            case "harbor" or BrokenSource:
                headers["Authorization"] = Secret(HarborAuthorization);
                break;
            case "hub":
                query["token"] = Secret(HubToken);
                break;
            case "distribution":
                headers["Authorization"] = Secret(DistributionAuthorization);
                break;
            case "ghcr":
                headers["X-Hub-Signature-256"] = "sha256=" + Hmac(Secret(GhcrSecret), body);
                break;
            case "quay":
                query["token"] = Secret(QuayToken);
                break;
            case "azure-acr":
                headers["X-Acr-Key"] = Secret(AzureAcrKey);
                break;
            case "eventgrid":
                query["token"] = Secret(EventGridToken);
                break;
            case "ecr":
                headers["x-api-key"] = Secret(EcrApiKey);
                break;
            case "gar":
                query["token"] = Secret(GarToken);
                break;
            case "jfrog" or "jfrog-keys":
                headers["X-JFrog-Event-Auth"] = Hmac(Secret(JfrogSecret), body);
                break;
            case "jfrog-token":
                headers["X-JFrog-Event-Auth"] = Secret(JfrogToken);
                break;
            case "cloudevents" or "ci":
                headers["Authorization"] = "Bearer " + Secret(CloudEventsToken);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(source), source, "no such sender");
        }

        return (query, headers);
    }

    public static string Hmac(string secret, byte[] body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>A vendor sample from the repository's payload folder (copied into Payloads/ beside the tests).</summary>
    public static byte[] Sample(string file) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Payloads", file));

    /// <summary>A structured CloudEvent naming <paramref name="image"/> (any tag/digest), as a CI system would post it.</summary>
    public static byte[] CloudEvent(string image, string id, string? digest = null)
    {
        var data = new JsonObject { ["image"] = image };
        if (digest is not null)
        {
            data["digest"] = digest;
        }

        return Encoding.UTF8.GetBytes(new JsonObject
        {
            ["specversion"] = "1.0",
            ["id"] = id,
            ["source"] = "/ci/builds",
            ["type"] = "com.example.image.pushed",
            ["time"] = "2026-01-01T00:00:00Z",
            ["datacontenttype"] = "application/json",
            ["data"] = data,
        }.ToJsonString());
    }

    /// <summary>A distribution notification with one manifest push (as docker-registry sends one per request).</summary>
    public static byte[] Distribution(string host, string repository, string? tag, string digest, string id, string timestamp = "2026-01-01T00:00:00.000000001Z")
    {
        var target = new JsonObject
        {
            ["mediaType"] = "application/vnd.oci.image.manifest.v1+json",
            ["size"] = 345,
            ["digest"] = digest,
            ["length"] = 345,
            ["repository"] = repository,
            ["url"] = $"http://{host}/v2/{repository}/manifests/{digest}",
        };
        if (tag is not null)
        {
            target["tag"] = tag;
        }

        var notification = new JsonObject
        {
            ["events"] = new JsonArray(new JsonObject
            {
                ["id"] = id,
                ["timestamp"] = timestamp,
                ["action"] = "push",
                ["target"] = target,
                ["request"] = new JsonObject { ["id"] = "r-" + id, ["addr"] = "127.0.0.1:50000", ["host"] = host, ["method"] = "PUT", ["useragent"] = "skopeo/1.9.3" },
                ["actor"] = new JsonObject(),
                ["source"] = new JsonObject { ["addr"] = "vm:5000", ["instanceID"] = "i-1" },
            }),
        };
        return Encoding.UTF8.GetBytes(notification.ToJsonString());
    }

    /// <summary>A sha256 digest made from a seed (distinct seeds, distinct digests).</summary>
    public static string Digest(string seed) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)));
}
