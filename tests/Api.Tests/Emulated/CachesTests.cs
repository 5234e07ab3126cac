using ImageCacheFunctions.Api.Tests.Support;
using ImageCacheFunctions.ImageCaches.Operations.Api;
using ImageCacheFunctions.ImageCaches.Resources;
using ImageCacheFunctions.ImageCaches.Tests.Api;

namespace ImageCacheFunctions.Api.Tests.Emulated;

/// <summary>GET /caches and /caches/{name}: compact summaries, filtered by normalised image.</summary>
public sealed class CachesTests
{
    [Fact]
    public async Task Lists_every_cache_in_name_order_with_its_summary()
    {
        await using var harness = await ApiHarness.StartAsync();
        await harness.CreateCacheAsync(Candidates.Object("web", ["nginx:1.7.9"], size: 40, digests: new Dictionary<string, string> { ["nginx:1.7.9"] = Candidates.Sha('a') }));
        await harness.CreateCacheAsync(Candidates.Object("base", ["busybox:latest", "centos:latest"], phase: ImageCachePhase.Creating));

        var body = Json.Body(await harness.Get<CacheCatalog>().ListAsync(null, null, CancellationToken.None));

        Assert.Equal("2", body.Text("count"));
        Assert.Equal("base", body.Text("items.0.name"));
        Assert.Equal("Creating", body.Text("items.0.phase"));
        Assert.Equal("false", body.Text("items.0.ready"));
        Assert.Equal("web", body.Text("items.1.name"));
        Assert.Equal("true", body.Text("items.1.ready"));
        Assert.Equal("40", body.Text("items.1.imageCacheSize"));
        Assert.Equal("nginx:1.7.9", body.Text("items.1.images.0.image"));
        Assert.Equal(Candidates.Sha('a'), body.Text("items.1.images.0.digest"));
    }

    [Theory]
    [InlineData("nginx:1.7.9", null, "web")]
    [InlineData("docker.io/library/nginx:1.7.9", null, "web")]
    [InlineData("index.docker.io/library/busybox", null, "base")]
    [InlineData("centos", "creating", "base")]
    [InlineData("centos", "Ready", null)]
    [InlineData("nginx:1.7", null, null)]
    public async Task Filters_by_normalised_image_and_phase(string image, string? phase, string? expected)
    {
        await using var harness = await ApiHarness.StartAsync();
        await harness.CreateCacheAsync(Candidates.Object("web", ["nginx:1.7.9"]));
        await harness.CreateCacheAsync(Candidates.Object("base", ["busybox:latest", "centos:latest"], phase: ImageCachePhase.Creating));

        var body = Json.Body(await harness.Get<CacheCatalog>().ListAsync(image, phase, CancellationToken.None));

        Assert.Equal(expected is null ? "0" : "1", body.Text("count"));
        Assert.Equal(expected, body.Text("items.0.name"));
    }

    [Fact]
    public async Task Gets_one_cache_or_404()
    {
        await using var harness = await ApiHarness.StartAsync();
        await harness.CreateCacheAsync(Candidates.Object("web", ["nginx:1.7.9"]));

        var found = await harness.Get<CacheCatalog>().GetAsync("web", CancellationToken.None);
        var missing = await harness.Get<CacheCatalog>().GetAsync("nope", CancellationToken.None);

        Assert.Equal(200, found.StatusCode);
        Assert.Equal("imc-web", Json.Body(found).Text("imageCacheId"));
        Assert.Equal(404, missing.StatusCode);
        Assert.Equal("not_found", Json.Body(missing).Text("error"));
    }

    [Theory]
    [InlineData("Bad Image", null)]
    [InlineData(null, "../secrets")]
    public async Task Bad_input_is_a_400(string? image, string? name)
    {
        await using var harness = await ApiHarness.StartAsync();
        var catalog = harness.Get<CacheCatalog>();

        var result = name is null ? await catalog.ListAsync(image, null, CancellationToken.None) : await catalog.GetAsync(name, CancellationToken.None);

        Assert.Equal(400, result.StatusCode);
    }
}
