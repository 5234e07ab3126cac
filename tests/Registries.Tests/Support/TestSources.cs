using System.Security.Cryptography;
using System.Text;
using ImageCacheFunctions.ImageCaches.Registries;
using Microsoft.Extensions.Configuration;

namespace ImageCacheFunctions.Registries.Tests.Support;

/// <summary>
/// A webhook configuration with one source per registry, loaded the production way: a YAML
/// sources file whose secrets are files in a temporary folder.
/// </summary>
public sealed class TestSources : IDisposable
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

    /// <summary>
    /// Loads <paramref name="values"/> as a function's configuration would hold them (section
    /// <c>Webhook</c>; <c>__</c> stands for <c>:</c>, as in environment variables).
    /// </summary>
    public static WebhookSettings LoadConfiguration(IEnumerable<KeyValuePair<string, string?>> values) =>
        WebhookSettingsLoader.LoadFromConfiguration(new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key.Replace("__", ":", StringComparison.Ordinal), v.Value)))
            .Build()
            .GetSection(WebhookOptions.SectionName));

    private readonly string folder = Directory.CreateTempSubdirectory("registries-tests-").FullName;

    public TestSources(long? maxBodyBytes = null)
    {
        Write("acr", AcrToken);
        Write("acr-ee", AcrEnterpriseToken);
        Write("harbor", HarborAuthorization);
        Write("hub", HubToken);
        Write("distribution", DistributionAuthorization);
        Write("ghcr", GhcrSecret + "\n");
        Write("quay", QuayToken);
        Write("azure-acr", AzureAcrKey);
        Write("eventgrid", EventGridToken);
        Write("ecr", EcrApiKey);
        Write("gar", GarToken);
        Write("jfrog", JfrogSecret);
        Write("jfrog-token", JfrogToken);
        Write("cloudevents", CloudEventsToken);

        var yaml = $$"""
            {{(maxBodyBytes is { } limit ? $"maxBodyBytes: {limit}" : string.Empty)}}
            sources:
              acr:
                type: acr
                auth: { type: url-token, secretFile: secrets/acr }
              acr-ee:
                type: acr
                registry: myinstance-registry-vpc.cn-hangzhou.cr.aliyuncs.com
                auth: { type: url-token, parameter: key, secretFile: secrets/acr-ee }
              harbor:
                type: harbor
                auth: { type: header, header: Authorization, secretFile: secrets/harbor }
              hub:
                type: dockerhub
                auth: { type: url-token, secretFile: secrets/hub }
              distribution:
                type: distribution
                auth: { type: header, secretFile: secrets/distribution }
              ghcr:
                type: ghcr
                auth: { type: hmac-sha256, secretFile: secrets/ghcr }
              quay:
                type: quay
                auth: { type: url-token, secretFile: secrets/quay }
              azure-acr:
                type: azure-acr
                auth: { type: header, header: X-Acr-Key, secretFile: secrets/azure-acr }
              eventgrid:
                type: eventgrid
                auth: { type: url-token, secretFile: secrets/eventgrid }
                allowedOrigins: [eventgrid.azure.net]
                eventGrid:
                  subscriptionIds: [{{EventGridSubscription}}]
              ecr:
                type: ecr
                auth: { type: header, header: x-api-key, secretFile: secrets/ecr }
              gar:
                type: gar
                auth: { type: url-token, secretFile: secrets/gar }
              jfrog:
                type: jfrog
                auth: { type: hmac-sha256, secretFile: secrets/jfrog }
              jfrog-token:
                type: jfrog
                registry: artifactory.example.com
                auth: { type: header, secretFile: secrets/jfrog-token }
              cloudevents:
                type: cloudevents
                registry: registry.example.com
                auth: { type: bearer, secretFile: secrets/cloudevents }
                allowedOrigins: [ce.example.com]
                allowedRate: 120
            """;
        var file = Path.Combine(folder, "sources.yaml");
        File.WriteAllText(file, yaml);
        Settings = WebhookSettingsLoader.LoadFile(file);
        Receiver = new WebhookReceiver(Settings);
    }

    public WebhookSettings Settings { get; }

    public WebhookReceiver Receiver { get; }

    public string Folder => folder;

    /// <summary>The credentials each source expects, as (query, headers) for a given body.</summary>
    public static (Dictionary<string, string> Query, Dictionary<string, string> Headers) Credentials(string source, byte[] body) => source switch
    {
        "acr" => (new() { ["token"] = AcrToken }, []),
        "acr-ee" => (new() { ["key"] = AcrEnterpriseToken }, []),
        "harbor" => ([], new() { ["Authorization"] = HarborAuthorization }),
        "hub" => (new() { ["token"] = HubToken }, []),
        "distribution" => ([], new() { ["Authorization"] = DistributionAuthorization }),
        "ghcr" => ([], new() { ["X-Hub-Signature-256"] = "sha256=" + Hmac(GhcrSecret, body) }),
        "quay" => (new() { ["token"] = QuayToken }, []),
        "azure-acr" => ([], new() { ["X-Acr-Key"] = AzureAcrKey }),
        "eventgrid" => (new() { ["token"] = EventGridToken }, []),
        "ecr" => ([], new() { ["x-api-key"] = EcrApiKey }),
        "gar" => (new() { ["token"] = GarToken }, []),
        "jfrog" => ([], new() { ["X-JFrog-Event-Auth"] = Hmac(JfrogSecret, body) }),
        "jfrog-token" => ([], new() { ["X-JFrog-Event-Auth"] = JfrogToken }),
        "cloudevents" => ([], new() { ["Authorization"] = "Bearer " + CloudEventsToken }),
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, "no such test source"),
    };

    /// <summary>The same credentials with the secret changed (wrong token, forged signature).</summary>
    public static (Dictionary<string, string> Query, Dictionary<string, string> Headers) WrongCredentials(string source, byte[] body)
    {
        var (query, headers) = Credentials(source, body);
        foreach (var key in query.Keys.ToList())
        {
            query[key] = query[key] + "x";
        }

        foreach (var key in headers.Keys.ToList())
        {
            headers[key] = key is "X-Hub-Signature-256"
                ? "sha256=" + Hmac("not-the-secret", body)
                : key == "X-JFrog-Event-Auth" && source == "jfrog" ? Hmac("not-the-secret", body) : headers[key] + "x";
        }

        return (query, headers);
    }

    public static string Hmac(string secret, byte[] body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>Posts a body as <paramref name="source"/> would, authenticated.</summary>
    public WebhookOutcome Post(
        string source,
        byte[] body,
        string? contentType = "application/json",
        Dictionary<string, string>? extraHeaders = null,
        bool named = true,
        bool wrongCredentials = false)
    {
        var (query, headers) = wrongCredentials ? WrongCredentials(source, body) : Credentials(source, body);
        if (named)
        {
            query["source"] = source;
        }

        if (contentType is not null)
        {
            headers["Content-Type"] = contentType;
        }

        foreach (var (key, value) in extraHeaders ?? [])
        {
            headers[key] = value;
        }

        return Receiver.Receive(WebhookRequest.Create("POST", query, headers, body));
    }

    private void Write(string name, string content)
    {
        Directory.CreateDirectory(Path.Combine(folder, "secrets"));
        File.WriteAllText(Path.Combine(folder, "secrets", name), content);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
