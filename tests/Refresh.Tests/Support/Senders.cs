using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace ImageCacheFunctions.Refresh.Tests.Support;

/// <summary>
/// The registries that call the webhook in these tests: a sources file (the production format)
/// with one source per sender, its secret files, and the credentials each sender presents.
/// </summary>
public sealed class Senders
{
    public const string DistributionAuthorization = "Bearer distribution-secret-e2e";
    public const string HarborAuthorization = "Basic aGFyYm9yOnNlY3JldA==";
    public const string HubToken = "hub-url-token";
    public const string QuayToken = "quay-url-token";
    public const string EventGridToken = "eventgrid-url-token";
    public const string JfrogSecret = "jfrog-signing-secret";
    public const string GhcrSecret = "ghcr-hmac-secret";
    public const string AcrToken = "acr-url-token";
    public const string CloudEventsToken = "cloudevents-bearer";
    public const string GarToken = "gar-url-token";

    /// <summary>A new ACR Personal Edition instance's public endpoint (crpi-&lt;id&gt;.&lt;region&gt;.personal.cr.aliyuncs.com).</summary>
    public const string CrpiHost = "crpi-k3x9a7b2c1d0e.cn-hangzhou.personal.cr.aliyuncs.com";

    /// <summary>An ACR Enterprise Edition instance and one of its custom domains.</summary>
    public const string EnterpriseHost = "myinst-registry.cn-hangzhou.cr.aliyuncs.com";
    public const string EnterpriseCustomDomain = "images.example.com";

    /// <summary>Source whose secret file does not exist: loads as broken, the others work.</summary>
    public const string BrokenSource = "broken-harbor";

    /// <summary>Writes the sources file and its secrets into <paramref name="directory"/>.</summary>
    public static string WriteSourcesFile(string directory)
    {
        var secrets = Path.Combine(directory, "secrets");
        Directory.CreateDirectory(secrets);
        foreach (var (name, value) in new[]
        {
            ("distribution", DistributionAuthorization), ("harbor", HarborAuthorization), ("hub", HubToken), ("quay", QuayToken),
            ("eventgrid", EventGridToken), ("jfrog", JfrogSecret), ("ghcr", GhcrSecret + "\n"), ("acr", AcrToken), ("cloudevents", CloudEventsToken),
            ("gar", GarToken),
        })
        {
            File.WriteAllText(Path.Combine(secrets, name), value);
        }

        var file = Path.Combine(directory, "sources.yaml");
        File.WriteAllText(file, SourcesYaml);
        return file;
    }

    /// <summary>The sources file the tests start with (a reload test edits a copy and restores this).</summary>
    public const string SourcesYaml = """
            sources:
              distribution:
                type: distribution
                auth: { type: header, header: Authorization, secretFile: secrets/distribution }
              harbor:
                type: harbor
                auth: { type: header, header: Authorization, secretFile: secrets/harbor }
              hub:
                type: dockerhub
                auth: { type: url-token, secretFile: secrets/hub }
              quay:
                type: quay
                auth: { type: url-token, secretFile: secrets/quay }
              eventgrid:
                type: eventgrid
                auth: { type: url-token, secretFile: secrets/eventgrid }
              jfrog:
                type: jfrog
                auth: { type: hmac-sha256, secretFile: secrets/jfrog }
              ghcr:
                type: ghcr
                auth: { type: hmac-sha256, secretFile: secrets/ghcr }
              acr:
                type: acr
                auth: { type: url-token, secretFile: secrets/acr }
              ci:
                type: cloudevents
                auth: { type: bearer, secretFile: secrets/cloudevents }
                allowedOrigins: [ci.example.com]
              acr-crpi:
                type: acr
                registry: crpi-k3x9a7b2c1d0e.cn-hangzhou.personal.cr.aliyuncs.com
                auth: { type: url-token, secretFile: secrets/acr }
              acr-ee:
                type: acr
                registry: myinst-registry.cn-hangzhou.cr.aliyuncs.com
                aliases: [images.example.com]
                auth: { type: url-token, secretFile: secrets/acr }
              jfrog-keys:
                type: jfrog
                repositoryKeys:
                  docker-remote-cache: [example.jfrog.io/docker, example.jfrog.io/docker-virtual]
                auth: { type: hmac-sha256, secretFile: secrets/jfrog }
              gar:
                type: gar
                auth: { type: url-token, secretFile: secrets/gar }
              broken-harbor:
                type: harbor
                auth: { type: header, secretFile: secrets/never-created }
            """;

    /// <summary>What <paramref name="source"/> sends along with <paramref name="body"/> (the query includes ?source=).</summary>
    public static (Dictionary<string, string> Query, Dictionary<string, string> Headers) Credentials(string source, byte[] body, bool forged = false)
    {
        string Secret(string value) => forged ? value + "-forged" : value;
        var query = new Dictionary<string, string>(StringComparer.Ordinal) { ["source"] = source };
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        switch (source)
        {
            case "distribution":
                headers["Authorization"] = Secret(DistributionAuthorization);
                break;
            case "harbor":
                headers["Authorization"] = Secret(HarborAuthorization);
                break;
            case "hub":
                query["token"] = Secret(HubToken);
                break;
            case "quay":
                query["token"] = Secret(QuayToken);
                break;
            case "eventgrid":
                query["token"] = Secret(EventGridToken);
                headers["aeg-event-type"] = "Notification";
                break;
            case "jfrog":
                headers["X-JFrog-Event-Auth"] = Hmac(Secret(JfrogSecret), body);
                break;
            case "ghcr":
                headers["X-Hub-Signature-256"] = "sha256=" + Hmac(Secret(GhcrSecret), body);
                headers["X-GitHub-Event"] = "package";
                break;
            case "acr" or "acr-crpi" or "acr-ee":
                query["token"] = Secret(AcrToken);
                break;
            case "jfrog-keys":
                headers["X-JFrog-Event-Auth"] = Hmac(Secret(JfrogSecret), body);
                break;
            case "gar":
                query["token"] = Secret(GarToken);
                break;
            case BrokenSource:
                headers["Authorization"] = Secret(HarborAuthorization);
                break;
            case "ci":
                headers["Authorization"] = "Bearer " + Secret(CloudEventsToken);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(source), source, "no such sender");
        }

        return (query, headers);
    }

    public static string Hmac(string secret, byte[] body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>A vendor sample from the repository's payload folder.</summary>
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
