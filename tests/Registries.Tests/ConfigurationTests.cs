using ImageCacheFunctions.ImageCaches.Registries;
using ImageCacheFunctions.Registries.Tests.Support;
using ImageCacheFunctions.Tests.Support;

namespace ImageCacheFunctions.Registries.Tests;

/// <summary>Start-up validation of the sources configuration: clear messages, secrets from files only.</summary>
public sealed class ConfigurationTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private string Yaml(string text) => folder.Write("sources.yaml", text);

    [Fact]
    public void Yaml_file_with_every_setting_loads()
    {
        folder.Write("hmac", "s3cr3t\n");
        var settings = WebhookSettingsLoader.LoadFile(Yaml("""
            maxBodyBytes: 65536
            sources:
              gh:
                type: ghcr
                auth: { type: hmac-sha256, secretFile: hmac }
              art:
                type: jfrog
                registry: art.example.com:8443
                repositoryLayout: subdomain
                auth: { type: hmac-sha256, secretFile: hmac }
              acr:
                type: acr
                timestampOffset: "-05:30"
                auth: { type: url-token, parameter: key, secretFile: hmac }
              grid:
                type: eventgrid
                allowedOrigins: [eventgrid.azure.net]
                allowedRate: 60
                eventGrid: { topics: ["/subscriptions/s/resourceGroups/r"], subscriptionIds: [s] }
                auth: { type: bearer, secretFile: hmac }
            """));

        Assert.Equal(65536, settings.MaxBodyBytes);
        Assert.Equal(4, settings.Sources.Count);
        var gh = Assert.IsType<HmacSignatureAuthentication>(settings.Sources["gh"].Authentication);
        Assert.Equal("X-Hub-Signature-256", gh.Header);
        Assert.Equal("sha256=", gh.Prefix);
        var art = settings.Sources["ART"];
        Assert.Equal(JfrogRepositoryLayout.Subdomain, art.RepositoryLayout);
        Assert.Equal("X-JFrog-Event-Auth", Assert.IsType<HmacSignatureAuthentication>(art.Authentication).Header);
        Assert.Equal(string.Empty, ((HmacSignatureAuthentication)art.Authentication).Prefix);
        Assert.Equal(TimeSpan.FromMinutes(-330), settings.Sources["acr"].TimestampOffset);
        Assert.Equal("key", Assert.IsType<UrlTokenAuthentication>(settings.Sources["acr"].Authentication).Parameter);
        Assert.Equal(60, settings.Sources["grid"].AllowedRate);
        Assert.Equal(["s"], settings.Sources["grid"].EventGridSubscriptionIds);
    }

    [Fact]
    public void Json_file_loads_too()
    {
        folder.Write("token", "t");
        var file = folder.Write("sources.json", """{"sources": {"hub": {"type": "dockerhub", "auth": {"type": "url-token", "secretFile": "token"}}}}""");

        var settings = WebhookSettingsLoader.LoadFile(file);

        Assert.Equal(WebhookSourceType.DockerHub, settings.Sources["hub"].Type);
        Assert.Equal(WebhookOptions.DefaultMaxBodyBytes, settings.MaxBodyBytes);
    }

    [Fact]
    public void Configuration_keys_bind_with_colons_or_double_underscores_and_merge_a_sources_file()
    {
        var secret = folder.Write("token", "t");
        Yaml($$"""
            sources:
              quay:
                type: quay
                auth: { type: url-token, secretFile: {{secret}} }
            """);
        var settings = TestSources.LoadConfiguration(new Dictionary<string, string?>
        {
            ["Webhook:MaxBodyBytes"] = "2048",
            ["Webhook:SourcesFile"] = Path.Combine(folder.Path, "sources.yaml"),
            ["webhook:sources:ce:type"] = "cloudevents",
            ["Webhook:Sources:ce:Auth:Type"] = "bearer",
            ["Webhook:Sources:ce:Auth:SecretFile"] = secret,
            ["Webhook:Sources:ce:AllowedOrigins:1"] = "b.example.com",
            ["Webhook:Sources:ce:AllowedOrigins:0"] = "a.example.com",
            ["Webhook__Sources__grid__Type"] = "eventgrid",
            ["Webhook__Sources__grid__Auth__Type"] = "url-token",
            ["Webhook__Sources__grid__Auth__SecretFile"] = secret,
            ["Webhook__Sources__grid__AllowedOrigins__0"] = "eventgrid.azure.net",
            ["Webhook__Sources__grid__AllowedOrigins__1"] = "x.example.com",
            ["Webhook:Sources:pubsub:Type"] = "gar",
            ["Webhook:Sources:pubsub:Auth:Type"] = "jwt",
            ["Webhook:Sources:pubsub:Auth:Audience"] = "https://hooks.example.com/registry-webhook",
            ["Webhook:Sources:pubsub:Auth:Claims:email"] = "pusher@project.iam.gserviceaccount.com",
            ["Webhook__Sources__grid__EventGrid__SubscriptionIds__0"] = "sub-1",
            ["Webhook:Sources"] = null,
            ["Other:Setting"] = "ignored",
        });

        Assert.Equal(2048, settings.MaxBodyBytes);
        Assert.Equal(4, settings.Sources.Count);
        Assert.Empty(settings.Broken);
        Assert.IsType<JwtAuthentication>(settings.Sources["pubsub"].Authentication);
        Assert.Equal(["a.example.com", "b.example.com"], settings.Sources["ce"].AllowedOrigins);
        Assert.Equal(["eventgrid.azure.net", "x.example.com"], settings.Sources["grid"].AllowedOrigins);
        Assert.Equal(["sub-1"], settings.Sources["grid"].EventGridSubscriptionIds);
        Assert.Equal(WebhookSourceType.Quay, settings.Sources["quay"].Type);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_with_a_clear_message_and_each_broken_source_alone_is_left_out()
    {
        var empty = folder.Write("empty", "\n");
        var good = folder.Write("good", "secret-value-123");
        var settings = TestSources.LoadConfiguration(new Dictionary<string, string?>
        {
            ["Webhook:Sources:ok:Type"] = "quay",
            ["Webhook:Sources:ok:Auth:Type"] = "url-token",
            ["Webhook:Sources:ok:Auth:SecretFile"] = good,
            ["Webhook:Sources:a:Type"] = "gitlab-ultra",
            ["Webhook:Sources:a:Auth:Type"] = "bearer",
            ["Webhook:Sources:a:Auth:SecretFile"] = good,
            ["Webhook:Sources:b:Type"] = "harbor",
            ["Webhook:Sources:b:Auth:Type"] = "header",
            ["Webhook:Sources:b:Auth:SecretFile"] = "/var/openfaas/secrets/does-not-exist",
            ["Webhook:Sources:c:Type"] = "quay",
            ["Webhook:Sources:c:Auth:Type"] = "url-token",
            ["Webhook:Sources:c:Auth:SecretFile"] = empty,
            ["Webhook:Sources:d:Type"] = "dockerhub",
            ["Webhook:Sources:e:Type"] = "harbor",
            ["Webhook:Sources:e:Auth:Type"] = "hmac-sha256",
            ["Webhook:Sources:e:Auth:SecretFile"] = good,
            ["Webhook:Sources:f:Type"] = "harbor",
            ["Webhook:Sources:f:Auth:Type"] = "none",
            ["Webhook:Sources:g:Type"] = "acr",
            ["Webhook:Sources:g:Registry"] = "registry",
            ["Webhook:Sources:g:Auth:Type"] = "password",
            ["Webhook:Sources:g:Auth:SecretFile"] = good,
            ["Webhook:Sources:h_:Type"] = "acr",
            ["Webhook:Sources:h_:AllowUnauthenticated"] = "true",
            ["Webhook:Sources:i:Type"] = "jfrog",
            ["Webhook:Sources:i:RepositoryLayout"] = "port",
            ["Webhook:Sources:i:AllowUnauthenticated"] = "true",
        });

        // Issue 16 item 2: the broken sources are listed with their reasons; the good one loads.
        Assert.Equal(["ok"], settings.Sources.Keys);
        Assert.Equal(["a", "b", "c", "d", "e", "f", "g", "h_", "i"], settings.Broken.Select(b => b.Name).Order(StringComparer.Ordinal));
        Assert.Equal(WebhookSourceType.Harbor, settings.BrokenNamed("B")!.Type);
        Assert.Null(settings.BrokenNamed("a")!.Type);
        var message = string.Join(Environment.NewLine, settings.Broken.Select(b => b.Reason));
        Assert.Contains("Webhook source 'a': type 'gitlab-ultra' is unknown; expected one of acr, harbor", message, StringComparison.Ordinal);
        Assert.Contains("Webhook source 'b': secret file '/var/openfaas/secrets/does-not-exist' does not exist", message, StringComparison.Ordinal);
        Assert.Contains($"Webhook source 'c': secret file '{empty}' is empty", message, StringComparison.Ordinal);
        Assert.Contains("Webhook source 'd': auth is missing", message, StringComparison.Ordinal);
        Assert.Contains("allowUnauthenticated: true", message, StringComparison.Ordinal);
        Assert.Contains("Webhook source 'e': auth type hmac-sha256 needs header", message, StringComparison.Ordinal);
        Assert.Contains("Webhook source 'f': auth type none needs allowUnauthenticated: true", message, StringComparison.Ordinal);
        Assert.Contains("Webhook source 'g': registry 'registry' is not a registry host", message, StringComparison.Ordinal);
        Assert.Contains("Webhook source 'g': auth type 'password' is unknown", message, StringComparison.Ordinal);
        Assert.Contains("Webhook source 'h_': the name must be", message, StringComparison.Ordinal);
        Assert.Contains("Webhook source 'i': repositoryLayout port needs registry", message, StringComparison.Ordinal);

        // What concerns every source still stops the start.
        var global = Assert.Throws<WebhookConfigurationException>(() => TestSources.LoadConfiguration(new Dictionary<string, string?>
        {
            ["Webhook:MaxBodyBytes"] = "0",
        }));
        Assert.Contains("Webhook:MaxBodyBytes is 0", global.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-value-123", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Webhook:Sources:a:Secret", "Webhook source 'a': Webhook:Sources:a:Secret is not a webhook source setting (expected Type, Registry")]
    [InlineData("Webhook:Sources:a:Auth:Token", "Webhook source 'a': Webhook:Sources:a:Auth:Token is not a webhook source setting")]
    [InlineData("Webhook:Sources:a:AllowUnauthenticated", "Webhook source 'a': Webhook:Sources:a:AllowUnauthenticated must be true or false")]
    [InlineData("Webhook:Sources:a:AllowedRate", "Webhook source 'a': Webhook:Sources:a:AllowedRate must be a whole number")]
    public void Unknown_or_mistyped_keys_break_their_source_alone_and_never_echo_the_value(string key, string reason)
    {
        var secret = folder.Write("t", "t");
        var settings = TestSources.LoadConfiguration(new Dictionary<string, string?>
        {
            ["Webhook:Sources:a:Type"] = "quay",
            ["Webhook:Sources:a:AllowUnauthenticated"] = "true",
            [key] = "inline-secret-value",
            ["Webhook:Sources:ok:Type"] = "quay",
            ["Webhook:Sources:ok:Auth:Type"] = "url-token",
            ["Webhook:Sources:ok:Auth:SecretFile"] = secret,
        });

        Assert.Equal(["ok"], settings.Sources.Keys);
        var broken = Assert.Single(settings.Broken);
        Assert.Equal(WebhookSourceType.Quay, broken.Type);
        Assert.StartsWith(reason, broken.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("inline-secret-value", broken.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_body_limit_that_is_not_a_number_stops_the_start()
    {
        var error = Assert.Throws<WebhookConfigurationException>(() => TestSources.LoadConfiguration(new Dictionary<string, string?>
        {
            ["Webhook:MaxBodyBytes"] = "1MB",
        }));

        Assert.Contains("Webhook:MaxBodyBytes must be a whole number", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("1MB", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_yaml_properties_are_errors_naming_the_file()
    {
        var file = Yaml("""
            sources:
              hub:
                type: dockerhub
                secret: inline
            """);

        var error = Assert.Throws<WebhookConfigurationException>(() => WebhookSettingsLoader.LoadFile(file));
        Assert.Contains(file, error.Message, StringComparison.Ordinal);
        Assert.Contains("secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_yaml_values_read_as_not_set()
    {
        folder.Write("t", "t");
        var settings = WebhookSettingsLoader.LoadFile(Yaml("""
            sources:
              grid:
                type: eventgrid
                allowedOrigins:
                eventGrid:
                  topics:
                  subscriptionIds:
                auth: { type: url-token, secretFile: t }
            """));

        Assert.Empty(settings.Sources["grid"].AllowedOrigins);
        Assert.Empty(settings.Sources["grid"].EventGridTopics);

        var empty = WebhookSettingsLoader.LoadFile(Yaml("sources:\n  hub:\n"));
        Assert.Contains("Webhook source 'hub': type is missing", Assert.Single(empty.Broken).Reason, StringComparison.Ordinal);
        Assert.Empty(WebhookSettingsLoader.LoadFile(Yaml("sources: {}\n")).Sources);
    }

    [Fact]
    public void Missing_sources_file_is_an_error()
    {
        var error = Assert.Throws<WebhookConfigurationException>(() => WebhookSettingsLoader.LoadFile(Path.Combine(folder.Path, "absent.yaml")));
        Assert.Contains("cannot be read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_source_defined_in_both_places_is_an_error()
    {
        var secret = folder.Write("t", "t");
        Yaml($$"""
            sources:
              hub: { type: dockerhub, auth: { type: url-token, secretFile: {{secret}} } }
            """);
        var error = Assert.Throws<WebhookConfigurationException>(() => TestSources.LoadConfiguration(new Dictionary<string, string?>
        {
            ["Webhook:SourcesFile"] = Path.Combine(folder.Path, "sources.yaml"),
            ["Webhook:Sources:hub:Type"] = "dockerhub",
            ["Webhook:Sources:hub:Auth:Type"] = "url-token",
            ["Webhook:Sources:hub:Auth:SecretFile"] = secret,
        }));

        Assert.Contains("'hub' is defined both in configuration and in", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Secrets_are_trimmed_of_trailing_newlines_and_never_printed()
    {
        var file = folder.Write("s", "abc\r\n");
        var secret = Secret.FromFile(file);

        Assert.Equal($"[secret from {file}]", secret.ToString());
        var header = new StaticHeaderAuthentication("X-Key", secret);
        Assert.True(header.IsAuthentic(WebhookRequest.Create("POST", null, new Dictionary<string, string> { ["x-key"] = "abc" }, default)));
        Assert.False(header.IsAuthentic(WebhookRequest.Create("POST", null, new Dictionary<string, string> { ["x-key"] = "abcd" }, default)));
        Assert.False(header.IsAuthentic(WebhookRequest.Create("POST", null, null, default)));
    }

    [Theory]
    [InlineData("sha256=", true)]
    [InlineData("SHA256=", true)]
    [InlineData("", false)]
    [InlineData("sha1=", false)]
    public void Github_signature_needs_its_prefix(string prefix, bool authentic)
    {
        var file = folder.Write("k", "key");
        var auth = new HmacSignatureAuthentication("X-Hub-Signature-256", "sha256=", Secret.FromFile(file));
        var body = "{}"u8.ToArray();
        var signature = prefix + Senders.Hmac("key", body);

        Assert.Equal(authentic, auth.IsAuthentic(WebhookRequest.Create("POST", null, new Dictionary<string, string> { ["X-Hub-Signature-256"] = signature }, body)));
    }

    [Theory]
    [InlineData("Bearer tok", true)]
    [InlineData("bearer tok", true)]
    [InlineData("Bearer  tok ", true)]
    [InlineData("Basic tok", false)]
    [InlineData("Bearer", false)]
    [InlineData("tok", false)]
    public void Bearer_token_from_the_authorization_header(string authorization, bool authentic)
    {
        var auth = new BearerTokenAuthentication(Secret.FromBytes("tok"u8, "test"));
        Assert.Equal(authentic, auth.IsAuthentic(WebhookRequest.Create("POST", null, new Dictionary<string, string> { ["Authorization"] = authorization }, default)));
    }
}
