using System.Text;
using ImageCacheFunctions.Registries.Tests.Support;

namespace ImageCacheFunctions.Registries.Tests;

/// <summary>
/// The notification shape a real CNCF distribution 2.8 registry sends for `skopeo copy` of a
/// small image by tag (as described in the registry-webhooks reference): blob events with
/// application/octet-stream, then a manifest event whose target.tag is set.
/// </summary>
public sealed class DistributionRegistryTests : IDisposable
{
    private const string Layer = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
    private const string Config = "sha256:2222222222222222222222222222222222222222222222222222222222222222";
    private const string Manifest = "sha256:3333333333333333333333333333333333333333333333333333333333333333";

    private readonly TestSources sources = new();

    public void Dispose() => sources.Dispose();

    private static string Event(string id, string mediaType, string digest, string kind, string? tag) => $$"""
        {"id":"{{id}}","timestamp":"2024-06-01T12:00:00.123456789Z","action":"push",
         "target":{"mediaType":"{{mediaType}}","size":100,"digest":"{{digest}}","length":100,"repository":"team/app",
                   "url":"http://127.0.0.1:5000/v2/team/app/{{kind}}/{{digest}}"{{(tag is null ? string.Empty : $",\"tag\":\"{tag}\"")}}},
         "request":{"id":"r-1","addr":"127.0.0.1:40000","host":"127.0.0.1:5000","method":"PUT","useragent":"skopeo/1.13"},
         "actor":{},"source":{"addr":"host:5000","instanceID":"i-1"} }
        """;

    private static byte[] Notification(string manifestMediaType, string? tag) => Encoding.UTF8.GetBytes(
        $"{{\"events\":[{Event("e-1", "application/octet-stream", Layer, "blobs", null)},"
        + $"{Event("e-2", "application/octet-stream", Config, "blobs", null)},"
        + $"{Event("e-3", manifestMediaType, Manifest, "manifests", tag)}]}}");

    [Theory]
    [InlineData("application/vnd.docker.distribution.events.v1+json", "application/vnd.docker.distribution.manifest.v2+json")]
    [InlineData("application/vnd.docker.distribution.events.v2+json", "application/vnd.oci.image.manifest.v1+json")]
    [InlineData("application/vnd.docker.distribution.events.v1+json", "application/vnd.oci.image.index.v1+json")]
    [InlineData("application/vnd.docker.distribution.events.v1+json", "application/vnd.docker.distribution.manifest.list.v2+json")]
    public void Push_by_tag_yields_the_manifest_and_drops_the_blobs(string contentType, string manifestMediaType)
    {
        var outcome = sources.Post("distribution", Notification(manifestMediaType, "v1"), contentType, named: false);

        Assert.Equal(200, outcome.StatusCode);
        Assert.Equal("distribution", outcome.SourceName);
        var pushed = Assert.Single(outcome.Events);
        Assert.Equal("127.0.0.1:5000/team/app:v1@" + Manifest, pushed.Image.ToString());
        Assert.Equal(manifestMediaType, pushed.MediaType);
        Assert.Equal("e-3", pushed.DeliveryId);
        Assert.Equal(new DateTimeOffset(2024, 6, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(1234567), pushed.PushedAt);
        Assert.Equal(2, outcome.Ignored.Count);
        Assert.All(outcome.Ignored, i => Assert.False(i.Invalid));
    }

    [Theory]
    [InlineData("distribution-2.8-layer-blob.json")]
    [InlineData("distribution-2.8-config-blob.json")]
    public void Captured_blob_notifications_are_accepted_with_nothing_to_do(string capture)
    {
        var outcome = PostCaptured(capture);

        Assert.Equal(200, outcome.StatusCode);
        Assert.Equal("distribution", outcome.SourceName);
        Assert.Empty(outcome.Events);
        var ignored = Assert.Single(outcome.Ignored);
        Assert.False(ignored.Invalid);
        Assert.Equal("events[0] application/octet-stream", ignored.Item);
    }

    [Fact]
    public void Captured_manifest_notification_is_the_push_by_tag()
    {
        var outcome = PostCaptured("distribution-2.8-manifest-by-tag.json");

        var pushed = Assert.Single(outcome.Events);
        Assert.Equal("127.0.0.1:44095", pushed.Registry);
        Assert.Equal("team/app", pushed.Repository);
        Assert.Equal("v1", pushed.Tag);
        Assert.Equal("sha256:05cc01fbec7cdf1be1461d9e443741d8a11b9cb0e91c3f1446af7c01b56b1cd6", pushed.Digest.ToString());
        Assert.Equal("application/vnd.oci.image.manifest.v1+json", pushed.MediaType);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 21, 21, 50, TimeSpan.Zero).AddTicks(1058440), pushed.PushedAt);
        Assert.Equal("2e6d9ce9-c9d9-4f63-b642-9a88b84a2492", pushed.DeliveryId);
        Assert.Equal("2e6d9ce9-c9d9-4f63-b642-9a88b84a2492", pushed.EventId);
    }

    [Fact]
    public void Captured_notification_with_a_wrong_header_is_401()
    {
        var body = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Payloads", "captured", "distribution-2.8-manifest-by-tag.json"));
        var outcome = sources.Post("distribution", body, "application/vnd.docker.distribution.events.v1+json", named: false, wrongCredentials: true);

        Assert.Equal(401, outcome.StatusCode);
        Assert.Empty(outcome.Events);
    }

    // Posted as the registry did: its headers, no ?source= (detected by content type and body).
    private ImageCaches.Registries.WebhookOutcome PostCaptured(string capture)
    {
        var body = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Payloads", "captured", capture));
        return sources.Post(
            "distribution",
            body,
            "application/vnd.docker.distribution.events.v1+json",
            new() { ["User-Agent"] = "Go-http-client/1.1", ["Accept-Encoding"] = "gzip" },
            named: false);
    }

    [Fact]
    public void Pull_and_delete_events_are_ignored()
    {
        var body = Encoding.UTF8.GetBytes(
            "{\"events\":[" + Event("p-1", "application/vnd.oci.image.manifest.v1+json", Manifest, "manifests", "v1").Replace("\"push\"", "\"pull\"", StringComparison.Ordinal)
            + "," + Event("d-1", "application/vnd.oci.image.manifest.v1+json", Manifest, "manifests", null).Replace("\"push\"", "\"delete\"", StringComparison.Ordinal) + "]}");
        var outcome = sources.Post("distribution", body, "application/vnd.docker.distribution.events.v1+json");

        Assert.Equal(200, outcome.StatusCode);
        Assert.Empty(outcome.Events);
        Assert.Equal(2, outcome.Ignored.Count);
    }
}
