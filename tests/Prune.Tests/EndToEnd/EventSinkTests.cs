using System.Net;
using System.Text.Json;
using ImageCacheFunctions.ImageCaches.Operations.Events;
using ImageCacheFunctions.ImageCaches.Operations.Prune;
using ImageCacheFunctions.Prune.Tests.Support;
using ImageCacheFunctions.Tests.Support;

namespace ImageCacheFunctions.Prune.Tests.EndToEnd;

/// <summary>The ImageCachePruned CloudEvent, posted to a loopback sink.</summary>
public sealed class EventSinkTests
{
    [Fact]
    public async Task Each_deletion_posts_an_ImageCachePruned_CloudEvent_in_structured_JSON()
    {
        await using var sink = await CloudEventsSink.StartAsync(HttpStatusCode.Accepted);
        await using var harness = await PruneHarness.StartAsync(new Dictionary<string, string?> { ["CloudEvents:SinkUrl"] = sink.Url.ToString(), ["CloudEvents:Source"] = "/functions/prune-expired" });
        var expired = await harness.CreateReadyAsync(PruneHarness.Cache("weekly", retentionDays: 7));
        harness.Advance(TimeSpan.FromDays(8));

        var report = await harness.PruneAsync();

        Assert.Equal("weekly", Assert.Single(report.Deleted).Name);
        Assert.Equal(new PruneCloudEventTally(1, 0), report.CloudEvents);
        var (contentType, body) = Assert.Single(sink.Received);
        Assert.StartsWith(CloudEventSink.MediaType, contentType, StringComparison.Ordinal);
        var cloudEvent = CloudEventSink.Decode(body);
        Assert.Equal(ImageCachePrunedEvent.CloudEventType, cloudEvent.Type);
        Assert.Equal("weekly", cloudEvent.Subject);
        Assert.Equal("/functions/prune-expired", cloudEvent.Source!.OriginalString);
        var data = (JsonElement)cloudEvent.Data!;
        Assert.Equal(expired.Status!.ImageCacheId, data.GetProperty("imageCacheId").GetString());
        Assert.Equal(expired.Metadata.Uid, data.GetProperty("uid").GetString());
        Assert.Equal("expired", data.GetProperty("policy").GetString());
    }

    [Fact]
    public async Task A_sink_that_keeps_refusing_does_not_undo_or_stop_the_deletions()
    {
        await using var sink = await CloudEventsSink.StartAsync(HttpStatusCode.InternalServerError);
        await using var harness = await PruneHarness.StartAsync(new Dictionary<string, string?> { ["CloudEvents:SinkUrl"] = sink.Url.ToString(), ["CloudEvents:Source"] = "/functions/prune-expired" });
        await harness.CreateOrphanAsync("one", "uid-one");
        await harness.CreateOrphanAsync("two", "uid-two");
        harness.Advance(TimeSpan.FromHours(2));

        var report = await harness.PruneAsync();

        Assert.Equal(2, report.Deleted.Count);
        Assert.Equal(new PruneCloudEventTally(0, 2), report.CloudEvents);
        Assert.Empty(await harness.EciCachesAsync());
    }
}
