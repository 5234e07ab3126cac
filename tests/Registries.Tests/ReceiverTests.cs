using System.Text;
using ImageCacheFunctions.ImageCaches.Registries;
using ImageCacheFunctions.Registries.Tests.Support;
using ImageCacheFunctions.Tests.Support;

namespace ImageCacheFunctions.Registries.Tests;

/// <summary>Request-level answers: limits, methods, unknown sources, detection and ambiguity.</summary>
public sealed class ReceiverTests : IDisposable
{
    private readonly TestSources sources = new(maxBodyBytes: 4096);

    public void Dispose() => sources.Dispose();

    [Fact]
    public void Body_over_the_limit_is_413_before_anything_else()
    {
        var outcome = sources.Post("hub", new byte[4097]);

        Assert.Equal(413, outcome.StatusCode);
        Assert.Contains("4097", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_limit_is_one_mebibyte()
    {
        using var defaults = new TestSources();
        Assert.Equal(1024 * 1024, defaults.Settings.MaxBodyBytes);
        Assert.Equal(413, defaults.Post("hub", new byte[(1024 * 1024) + 1]).StatusCode);
        Assert.NotEqual(413, defaults.Post("hub", new byte[1024 * 1024]).StatusCode);
    }

    [Fact]
    public void Unknown_source_is_404()
    {
        var request = WebhookRequest.Create("POST", new Dictionary<string, string> { ["source"] = "nope" }, null, "{}"u8.ToArray());
        var outcome = sources.Receiver.Receive(request);

        Assert.Equal(404, outcome.StatusCode);
        Assert.Contains("'nope' is not configured", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_methods_are_405_with_allow()
    {
        var outcome = sources.Receiver.Receive(WebhookRequest.Create("GET", null, null, ReadOnlyMemory<byte>.Empty));

        Assert.Equal(405, outcome.StatusCode);
        Assert.Equal("POST, OPTIONS", outcome.ResponseHeaders["Allow"]);
    }

    [Theory]
    [InlineData("application/xml")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("application/octet-stream")]
    public void Unreadable_content_types_are_415(string contentType)
    {
        var outcome = sources.Post("hub", Payloads.Bytes("dockerhub-push.json"), contentType);

        Assert.Equal(415, outcome.StatusCode);
        Assert.Empty(outcome.Events);
    }

    [Fact]
    public void Binary_cloudevent_with_non_json_data_is_415()
    {
        var headers = new Dictionary<string, string> { ["ce-specversion"] = "1.0", ["ce-id"] = "1", ["ce-source"] = "/x", ["ce-type"] = "t" };
        Assert.Equal(415, sources.Post("cloudevents", "<image/>"u8.ToArray(), "application/xml", headers).StatusCode);
    }

    [Fact]
    public void Unauthenticated_request_to_a_named_source_is_401_even_when_the_body_is_garbage()
    {
        var outcome = sources.Post("hub", "not json"u8.ToArray(), wrongCredentials: true);

        Assert.Equal(401, outcome.StatusCode);
        Assert.DoesNotContain(Senders.HubToken, outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unrecognised_payload_is_400_naming_the_way_out()
    {
        var outcome = sources.Post("hub", """{"hello":"world"}"""u8.ToArray(), named: false);

        Assert.Equal(400, outcome.StatusCode);
        Assert.Contains("?source=", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_json_is_400()
    {
        var named = sources.Post("hub", """{"push_data": """u8.ToArray());
        var detected = sources.Post("hub", """{"push_data": """u8.ToArray(), named: false);

        Assert.Equal(400, named.StatusCode);
        Assert.Contains("not valid JSON", named.Message, StringComparison.Ordinal);
        Assert.Equal(400, detected.StatusCode);
    }

    [Fact]
    public void A_payload_of_the_wrong_format_for_the_named_source_is_400()
    {
        var outcome = sources.Post("hub", Payloads.Bytes("quay-push.json"));

        Assert.Equal(400, outcome.StatusCode);
        Assert.Contains("push_data", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_sources_that_read_a_payload_are_told_apart_by_authentication()
    {
        using var folder = new TempFolder();
        var settings = TwoHarbors(folder, "secret-a", "secret-b");
        var receiver = new WebhookReceiver(settings);

        var outcome = receiver.Receive(WebhookRequest.Create(
            "POST", null, new Dictionary<string, string> { ["Authorization"] = "secret-b", ["Content-Type"] = "application/json" }, Payloads.Bytes("harbor-push-default.json")));

        Assert.Equal(200, outcome.StatusCode);
        Assert.Equal("harbor-b", outcome.SourceName);
        Assert.Equal("harbor-b", Assert.Single(outcome.Events).SourceName);
    }

    [Fact]
    public void Two_sources_that_both_authenticate_are_ambiguous()
    {
        using var folder = new TempFolder();
        var receiver = new WebhookReceiver(TwoHarbors(folder, "same", "same"));

        var outcome = receiver.Receive(WebhookRequest.Create(
            "POST", null, new Dictionary<string, string> { ["Authorization"] = "same" }, Payloads.Bytes("harbor-push-default.json")));

        Assert.Equal(400, outcome.StatusCode);
        Assert.Contains("'harbor-a' (harbor)", outcome.Message, StringComparison.Ordinal);
        Assert.Contains("'harbor-b' (harbor)", outcome.Message, StringComparison.Ordinal);
        Assert.Empty(outcome.Events);
    }

    [Fact]
    public void Unauthenticated_source_must_be_explicit_and_then_accepts_anyone()
    {
        using var folder = new TempFolder();
        var settings = TestSources.LoadConfiguration(new Dictionary<string, string?>
        {
            ["Webhook:Sources:open:Type"] = "quay",
            ["Webhook:Sources:open:AllowUnauthenticated"] = "true",
        });

        var outcome = new WebhookReceiver(settings).Receive(WebhookRequest.Create("POST", null, null, Payloads.Bytes("quay-push.json")));
        Assert.Equal(200, outcome.StatusCode);
        Assert.Equal("open", outcome.SourceName);
    }

    [Fact]
    public void No_sources_configured_is_404()
    {
        var receiver = new WebhookReceiver(new WebhookSettings([]));
        Assert.Equal(404, receiver.Receive(WebhookRequest.Create("POST", null, null, Payloads.Bytes("quay-push.json"))).StatusCode);
    }

    [Fact]
    public void Request_and_outcome_never_print_secrets()
    {
        var (query, headers) = Senders.Credentials("harbor", []);
        var request = WebhookRequest.Create("POST", query, headers, Payloads.Bytes("harbor-push-default.json"));

        Assert.DoesNotContain(Senders.HarborAuthorization, request.ToString(), StringComparison.Ordinal);
        var outcome = sources.Receiver.Receive(request);
        Assert.DoesNotContain(Senders.HarborAuthorization, outcome.ToString(), StringComparison.Ordinal);
        foreach (var source in sources.Settings.Sources.Values)
        {
            Assert.DoesNotContain("secret-", source.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("token-", source.ToString(), StringComparison.Ordinal);
        }
    }

    private static WebhookSettings TwoHarbors(TempFolder folder, string a, string b)
    {
        var fileA = folder.Write("a", a);
        var fileB = folder.Write("b", b);
        return TestSources.LoadConfiguration(new Dictionary<string, string?>
        {
            ["Webhook:Sources:harbor-a:Type"] = "harbor",
            ["Webhook:Sources:harbor-a:Auth:Type"] = "header",
            ["Webhook:Sources:harbor-a:Auth:SecretFile"] = fileA,
            ["Webhook__Sources__harbor-b__Type"] = "harbor",
            ["Webhook__Sources__harbor-b__Auth__Type"] = "header",
            ["Webhook__Sources__harbor-b__Auth__SecretFile"] = fileB,
        });
    }
}

public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("registries-config-").FullName;

    public string Write(string name, string content)
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllText(file, content, new UTF8Encoding(false));
        return file;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
