using ImageCacheFunctions.ImageCaches.Images;
using ImageCacheFunctions.ImageCaches.Reconcile;
using ImageCacheFunctions.ImageCaches.Resources;
using ImageCacheFunctions.Reconcile.Tests.Support;

namespace ImageCacheFunctions.Reconcile.Tests;

/// <summary>
/// Issue 12, item 8: an ImageCache that can never succeed says why, once, instead of failing
/// silently on every pass: more images than ECI caches (10,000 made 10,000 index labels and a
/// CreateImageCache refused with HTTP 414 forever) or a 100 KB image name (the status write
/// failed with 422, its message being over 32 KB). Nothing is sent to ECI.
/// </summary>
public sealed class LimitTests : IAsyncLifetime
{
    private ReconcileHarness _h = null!;

    public async Task InitializeAsync() => _h = await ReconcileHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task More_images_than_ECI_caches_block_the_object_with_a_reason_and_an_event()
    {
        await _h.CreateAsync("many", [.. Enumerable.Range(0, 10_000).Select(i => $"registry.example.com/team/app{i}:1")]);

        await _h.PassAsync();
        await _h.PassAsync();

        var cache = await _h.GetAsync("many");
        var ready = ImageCacheConditions.Find(cache.Status!, ImageCacheConditionTypes.Ready)!;
        Assert.Equal(ImageCacheEventReasons.InvalidSpec, ready.Reason);
        Assert.Contains($"at most {ImageCacheSpec.MaxImages}", ready.Message, StringComparison.Ordinal);
        Assert.Equal(0, _h.EciCalls("CreateImageCache"));
        Assert.DoesNotContain(cache.Metadata.Labels?.Keys ?? [], RepositoryIndexLabel.IsIndexLabel);
        var warning = Assert.Single(await _h.EventsAboutAsync("many"), e => e.Reason == ImageCacheEventReasons.InvalidSpec);
        Assert.Equal("Warning", warning.Type);
    }

    [Fact]
    public async Task A_100_KB_image_name_blocks_the_object_with_a_short_message()
    {
        await _h.CreateAsync("long", "registry.example.com/team/" + new string('a', 100 * 1024) + ":1");

        await _h.PassAsync();

        var ready = ImageCacheConditions.Find((await _h.GetAsync("long")).Status!, ImageCacheConditionTypes.Ready)!;
        Assert.Equal(ImageCacheEventReasons.InvalidSpec, ready.Reason);
        Assert.True(ready.Message.Length < 1024, $"message of {ready.Message.Length} characters");
        Assert.Equal(0, _h.EciCalls("CreateImageCache"));
    }

    [Fact]
    public void An_unknown_query_parameter_is_quoted_short_in_the_refusal()
    {
        // Issue 12 item 6: a request line may carry 8 KB; the answer quotes a bounded prefix.
        var query = new System.Collections.Specialized.NameValueCollection { [new string('k', 8000)] = "1" };

        Assert.False(ImageCacheFunctions.ImageCaches.Operations.Reconcile.ReconcileQuery.TryParse(query, out _, out var error));

        Assert.StartsWith("unknown query parameter 'kkk", error, StringComparison.Ordinal);
        Assert.True(error!.Length < 200, $"{error.Length} characters");
    }
}
