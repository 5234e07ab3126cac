using ImageCacheFunctions.Api.Tests.Support;
using ImageCacheFunctions.ImageCaches.Operations.Api;
using ImageCacheFunctions.ImageCaches.Resources;
using ImageCacheFunctions.ImageCaches.Tests.Api;

namespace ImageCacheFunctions.Api.Tests.Emulated;

/// <summary>GET /wait: polls the store on the injected clock until a Ready cache holds the image.</summary>
public sealed class WaitTests
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Api:WaitPollInterval"] = "00:00:05",
        ["Api:WaitMaxTimeout"] = "00:05:00",
    };

    [Fact]
    public async Task Returns_200_once_the_cache_turns_Ready()
    {
        var clock = new SteppedClock();
        await using var harness = await ApiHarness.StartAsync(Settings, clock);
        await harness.CreateCacheAsync(Candidates.Object("web", ["nginx:1.25"], phase: ImageCachePhase.Creating));

        var waiting = harness.Get<ImageCacheWait>().WaitAsync("docker.io/library/nginx:1.25", null, "2m", CancellationToken.None);
        Assert.Equal(TimeSpan.FromSeconds(5), await clock.NextDelayAsync());
        Assert.False(waiting.IsCompleted);
        await harness.WriteStatusAsync("web", new ImageCacheStatus { Phase = ImageCachePhase.Ready, ImageCacheId = "imc-web", Progress = "100%" });
        clock.Advance(TimeSpan.FromSeconds(5));
        var result = await waiting;

        Assert.Equal(200, result.StatusCode);
        var body = Json.Body(result);
        Assert.Equal("true", body.Text("ready"));
        Assert.Equal("2", body.Text("polls"));
        Assert.Equal("web", body.Text("cache.name"));
        Assert.Equal("imc-web", body.Text("cache.imageCacheId"));
        Assert.Equal("5", body.Text("waitedSeconds"));
    }

    [Fact]
    public async Task Waits_for_the_pushed_digest_not_just_the_tag()
    {
        var clock = new SteppedClock();
        await using var harness = await ApiHarness.StartAsync(Settings, clock);
        var old = Candidates.Sha('1');
        var pushed = Candidates.Sha('2');
        await harness.CreateCacheAsync(Candidates.Object("web", ["nginx:1.25"], digests: new Dictionary<string, string> { ["nginx:1.25"] = old }));

        var waiting = harness.Get<ImageCacheWait>().WaitAsync("nginx:1.25", pushed, "60", CancellationToken.None);
        await clock.NextDelayAsync();
        var current = await harness.Store.GetAsync("web", CancellationToken.None);
        current!.Status!.Images = [new ImageCacheImageStatus { Image = "nginx:1.25", Digest = pushed }];
        await harness.WriteStatusAsync("web", current.Status);
        clock.Advance(TimeSpan.FromSeconds(5));
        var result = await waiting;

        Assert.Equal(200, result.StatusCode);
        Assert.Equal(pushed, Json.Body(result).Text("digest"));
    }

    [Fact]
    public async Task Answers_408_at_the_timeout_with_what_it_saw()
    {
        var clock = new SteppedClock();
        await using var harness = await ApiHarness.StartAsync(Settings, clock);
        await harness.CreateCacheAsync(Candidates.Object("web", ["nginx:1.25"], phase: ImageCachePhase.Updating, digests: new Dictionary<string, string> { ["nginx:1.25"] = Candidates.Sha('1') }));

        var waiting = harness.Get<ImageCacheWait>().WaitAsync("nginx:1.25", null, "12s", CancellationToken.None);
        Assert.Equal(TimeSpan.FromSeconds(5), await clock.NextDelayAsync());
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(TimeSpan.FromSeconds(5), await clock.NextDelayAsync());
        clock.Advance(TimeSpan.FromSeconds(5));
        // The last pause is what is left of the timeout.
        Assert.Equal(TimeSpan.FromSeconds(2), await clock.NextDelayAsync());
        clock.Advance(TimeSpan.FromSeconds(2));
        var result = await waiting;

        Assert.Equal(408, result.StatusCode);
        var body = Json.Body(result);
        Assert.Equal("false", body.Text("ready"));
        Assert.Equal("4", body.Text("polls"));
        Assert.Equal("web", body.Text("seen.0.name"));
        Assert.Equal("phase is Updating", body.Text("seen.0.reason"));
        Assert.Contains("within 12s", body.Text("message"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, null, "image")]
    [InlineData("Not An Image", null, null, "image")]
    [InlineData("nginx:1.25", "sha256:abc", null, "digest")]
    [InlineData("nginx@sha256:1111111111111111111111111111111111111111111111111111111111111111", "sha256:2222222222222222222222222222222222222222222222222222222222222222", null, "digest")]
    [InlineData("nginx:1.25", null, "soon", "timeout")]
    [InlineData("nginx:1.25", null, "10m", "timeout")]
    [InlineData("nginx:1.25", null, "0", "timeout")]
    public async Task Bad_input_is_a_400_naming_the_parameter(string? image, string? digest, string? timeout, string field)
    {
        await using var harness = await ApiHarness.StartAsync(Settings);

        var result = await harness.Get<ImageCacheWait>().WaitAsync(image, digest, timeout, CancellationToken.None);

        Assert.Equal(400, result.StatusCode);
        Assert.Equal(field, Json.Body(result).Text("problems.0.field"));
    }

    [Fact]
    public async Task A_Ready_cache_answers_at_once()
    {
        await using var harness = await ApiHarness.StartAsync(Settings);
        await harness.CreateCacheAsync(Candidates.Object("web", ["registry-vpc.cn-hangzhou.aliyuncs.com/team/app:1.4.2"]));

        var result = await harness.Get<ImageCacheWait>().WaitAsync("registry.cn-hangzhou.aliyuncs.com/team/app:1.4.2", null, null, CancellationToken.None);

        Assert.Equal(200, result.StatusCode);
        Assert.Equal("1", Json.Body(result).Text("polls"));
    }
}
