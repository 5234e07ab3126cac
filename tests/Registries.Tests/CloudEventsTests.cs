using System.Text;
using CloudNative.CloudEvents;
using ImageCacheFunctions.ImageCaches.Registries;
using ImageCacheFunctions.Registries.Tests.Support;
using ImageCacheFunctions.Tests.Support;

namespace ImageCacheFunctions.Registries.Tests;

/// <summary>Any CloudEvents producer: binary, structured and batch mode, and our own event type.</summary>
public sealed class CloudEventsTests : IDisposable
{
    private static readonly string Digest = "sha256:" + new string('c', 64);
    private readonly TestSources sources = new();

    public void Dispose() => sources.Dispose();

    private static Dictionary<string, string> BinaryHeaders(string id = "evt-1", string type = "com.example.image.built") => new()
    {
        ["ce-specversion"] = "1.0",
        ["ce-id"] = id,
        ["ce-source"] = "/ci/pipelines/42",
        ["ce-type"] = type,
        ["ce-time"] = "2024-05-01T10:00:00Z",
    };

    [Fact]
    public void Binary_mode_event_with_an_image_field()
    {
        var body = Encoding.UTF8.GetBytes($$"""{"image":"ghcr.io/acme/api:1.2.3@{{Digest}}","mediaType":"application/vnd.oci.image.index.v1+json"}""");
        var outcome = sources.Post("cloudevents", body, "application/json", BinaryHeaders(), named: false);

        Assert.Equal(200, outcome.StatusCode);
        Assert.Equal("cloudevents", outcome.SourceName);
        var pushed = Assert.Single(outcome.Events);
        Assert.Equal("registry.example.com", pushed.Registry); // the source's configured registry wins
        Assert.Equal("acme/api", pushed.Repository);
        Assert.Equal("1.2.3", pushed.Tag);
        Assert.Equal(Digest, pushed.Digest.ToString());
        Assert.Equal("application/vnd.oci.image.index.v1+json", pushed.MediaType);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero), pushed.PushedAt);
        Assert.Equal("evt-1", pushed.DeliveryId);
    }

    [Fact]
    public void Binary_mode_header_values_are_percent_decoded()
    {
        var headers = BinaryHeaders(id: "%22quoted%22%20id%20%E2%82%AC");
        var body = Encoding.UTF8.GetBytes("""{"repository":"acme/web","tag":"v1"}""");
        var pushed = Assert.Single(sources.Post("cloudevents", body, "application/json", headers).Events);

        Assert.Equal("\"quoted\" id \u20ac", pushed.DeliveryId);
    }

    [Fact]
    public void A_string_field_with_bytes_that_are_not_utf8_is_a_plain_400_naming_the_field()
    {
        // Issue 12, item 9: before, the "never expected" safety net answered
        // "internal error InvalidOperationException".
        var body = Encoding.UTF8.GetBytes("""{"image":"ghcr.io/acme/api""").Concat(new byte[] { 0xC3, 0x28 }).Concat(Encoding.UTF8.GetBytes(""":1.2.3"}""")).ToArray();

        var outcome = sources.Post("cloudevents", body, "application/json", BinaryHeaders(), named: false);

        Assert.Equal(400, outcome.StatusCode);
        Assert.DoesNotContain(WebhookReceiver.InternalErrorPrefix, outcome.Message, StringComparison.Ordinal);
        Assert.Contains("\"image\"", outcome.Message, StringComparison.Ordinal);
        Assert.Contains("UTF-8", outcome.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ce-id", "%ZZ", "not valid percent-encoded")]
    [InlineData("ce-id", "%C3%28", "not valid percent-encoded")]
    [InlineData("ce-specversion", "0.1", "not a supported CloudEvents version")]
    [InlineData("ce-time", "yesterday", "cannot be read")]
    public void Binary_mode_bad_headers_are_400(string header, string value, string reason)
    {
        var headers = BinaryHeaders();
        headers[header] = value;
        var outcome = sources.Post("cloudevents", Encoding.UTF8.GetBytes("""{"image":"nginx"}"""), "application/json", headers);

        Assert.Equal(400, outcome.StatusCode);
        Assert.Empty(outcome.Events);
        Assert.Contains(reason, outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Binary_mode_without_required_attributes_is_400()
    {
        var headers = BinaryHeaders();
        headers.Remove("ce-source");
        var outcome = sources.Post("cloudevents", Encoding.UTF8.GetBytes("""{"image":"nginx"}"""), "application/json", headers);

        Assert.Equal(400, outcome.StatusCode);
        Assert.Contains("ce-source", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Structured_mode_event_with_repository_tag_and_digest()
    {
        var body = Encoding.UTF8.GetBytes($$"""
            {"specversion":"1.0","id":"s-1","source":"https://ci.example.com","type":"com.example.pushed",
             "datacontenttype":"application/json",
             "data":{"registry":"quay.io","repository":"acme/worker","tag":"2.0","digest":"{{Digest}}"} }
            """);
        var outcome = sources.Post("cloudevents", body, "application/cloudevents+json; charset=utf-8");

        var pushed = Assert.Single(outcome.Events);
        Assert.Equal("registry.example.com/acme/worker:2.0@" + Digest, pushed.Image.ToString());
        Assert.Equal("s-1", pushed.EventId);
    }

    [Fact]
    public void Batch_mode_yields_one_event_per_cloud_event_with_per_event_rejections()
    {
        var body = Encoding.UTF8.GetBytes("""
            [
              {"specversion":"1.0","id":"b-1","source":"/x","type":"com.example.pushed","data":{"repository":"acme/a","tag":"1"}},
              {"specversion":"1.0","id":"b-2","source":"/x","type":"com.example.pushed","data":{"repository":"acme/b","digest":"sha256:nope"}},
              {"specversion":"1.0","id":"b-3","source":"/x","type":"com.example.pushed","data":{"note":"no image here"}}
            ]
            """);
        var outcome = sources.Post("cloudevents", body, "application/cloudevents-batch+json");

        Assert.Equal(200, outcome.StatusCode);
        Assert.Equal("registry.example.com/acme/a:1", Assert.Single(outcome.Events).Image.ToString());
        Assert.Equal(2, outcome.Ignored.Count);
        Assert.All(outcome.Ignored, i => Assert.True(i.Invalid));
    }

    [Fact]
    public void Empty_batch_is_accepted_with_nothing_to_do()
    {
        var outcome = sources.Post("cloudevents", "[]"u8.ToArray(), "application/cloudevents-batch+json");

        Assert.Equal(200, outcome.StatusCode);
        Assert.Empty(outcome.Events);
        Assert.Empty(outcome.Ignored);
    }

    [Fact]
    public void Our_own_image_pushed_event_round_trips()
    {
        var original = new ImagePushed(
            "registry.example.com",
            "team/app",
            "v3",
            ImageCaches.Images.Digest.Parse(Digest),
            "application/vnd.oci.image.manifest.v1+json",
            new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero),
            "upstream-7",
            "cloudevents");

        var body = original.ToStructuredJson().ToArray();
        var outcome = sources.Post("cloudevents", body, "application/cloudevents+json");

        var received = Assert.Single(outcome.Events);
        Assert.Equal(original, received);
        Assert.Equal(original.EventId, received.EventId);
    }

    [Fact]
    public void Image_pushed_cloud_event_has_the_agreed_attributes()
    {
        var pushed = new ImagePushed("docker.io", "library/nginx", "1.27", null, null, null, null, "hub");
        var cloudEvent = pushed.ToCloudEvent();

        Assert.Equal("dev.openfaas.imagecache.image.pushed", cloudEvent.Type);
        Assert.Equal("/registries/hub", cloudEvent.Source!.OriginalString);
        Assert.Equal("docker.io/library/nginx:1.27", cloudEvent.Subject);
        Assert.Equal(pushed.ComputeEventId(), cloudEvent.Id);
        Assert.Null(cloudEvent.Time);
        Assert.Equal("application/json", cloudEvent.DataContentType);

        Assert.True(ImagePushedCloudEvent.TryFromCloudEvent(cloudEvent, null, out var back, out var error), error);
        Assert.Equal(pushed, back);
    }

    [Fact]
    public void Reading_a_foreign_event_type_as_ours_is_refused()
    {
        var foreign = new CloudEvent { Id = "1", Source = new Uri("/x", UriKind.Relative), Type = "other" };
        Assert.False(ImagePushedCloudEvent.TryFromCloudEvent(foreign, "s", out _, out var error));
        Assert.Contains("is not dev.openfaas.imagecache.image.pushed", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Event_grid_cloudevents_schema_push_is_read()
    {
        var data = System.Text.Json.JsonDocument.Parse(Payloads.Text("azure-acr-eventgrid.json")).RootElement[0].GetProperty("data").GetRawText();
        var body = Encoding.UTF8.GetBytes($$"""
            {"specversion":"1.0","id":"eg-1","source":"/subscriptions/s/resourceGroups/r/providers/Microsoft.ContainerRegistry/registries/demo",
             "type":"Microsoft.ContainerRegistry.ImagePushed","subject":"aci-helloworld:v1","time":"2018-04-25T21:39:47.6549614Z",
             "data": {{data}} }
            """);
        var outcome = sources.Post("eventgrid", body, "application/cloudevents+json; charset=utf-8", new() { ["aeg-delivery-count"] = "0" }, named: false);

        Assert.Equal("eventgrid", outcome.SourceName);
        var pushed = Assert.Single(outcome.Events);
        Assert.Equal("demo.azurecr.io/aci-helloworld:v1@sha256:213bbc182920ab41e18edc2001e06abcca6735d87782d9cef68abd83941cf0e5", pushed.Image.ToString());
        Assert.Equal("eg-1", pushed.DeliveryId);
    }

    [Fact]
    public void Harbor_cloudevent_sent_to_the_generic_source_is_read_the_same()
    {
        var harbor = sources.Post("harbor", Payloads.Bytes("harbor-push-cloudevents.json"), "application/cloudevents+json");
        var generic = sources.Post("cloudevents", Payloads.Bytes("harbor-push-cloudevents.json"), "application/cloudevents+json");

        // The generic source configures registry.example.com, which replaces Harbor's "localhost".
        Assert.Equal("localhost/harbor/alpine", Assert.Single(harbor.Events).Image.Name);
        Assert.Equal("registry.example.com/harbor/alpine", Assert.Single(generic.Events).Image.Name);
    }

    [Fact]
    public void Query_access_token_is_accepted_as_the_spec_requires()
    {
        var body = Encoding.UTF8.GetBytes("""{"image":"nginx:1"}""");
        var headers = BinaryHeaders();
        headers["Content-Type"] = "application/json";
        var request = WebhookRequest.Create(
            "POST",
            new Dictionary<string, string> { ["access_token"] = Senders.CloudEventsToken },
            headers,
            body);

        Assert.Equal(200, sources.Receiver.Receive(request).StatusCode);
    }
}
