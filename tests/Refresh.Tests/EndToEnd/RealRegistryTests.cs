using System.Text.Json;
using ImageCacheFunctions.ImageCaches.Operations.Refresh;
using ImageCacheFunctions.ImageCaches.Resources;
using ImageCacheFunctions.Refresh.Tests.Support;
using ImageCacheFunctions.Tests.Support;

namespace ImageCacheFunctions.Refresh.Tests.EndToEnd;

/// <summary>
/// A real registry (Debian's docker-registry, CNCF distribution 2.8) notifies the registry-webhook
/// function process while skopeo pushes images built with umoci; the function works against the
/// Kubernetes and ECI emulators. The registry notifies asynchronously, so every wait is bounded
/// polling of what the function changes.
/// </summary>
public sealed class RealRegistryTests : IAsyncLifetime
{
    private WebhookHarness _harness = null!;
    private FunctionProcess _function = null!;
    private RegistryProcess _registry = null!;
    private string _work = null!;

    public async Task InitializeAsync()
    {
        foreach (var tool in new[] { RegistryProcess.Executable, "skopeo", "umoci" })
        {
            Assert.True(Tool.IsInstalled(tool), $"{tool} is not installed (`bash tools/test.sh` installs docker-registry, skopeo and umoci)");
        }

        _harness = await WebhookHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Webhook:TimeBudget"] = "00:00:03",
            ["Webhook:AutoCreate:0:Name"] = "team",
            ["Webhook:AutoCreate:0:Repository"] = "team/*",
        });
        _work = Path.Combine(_harness.Directory, "registry");
        Directory.CreateDirectory(_work);
        _function = await FunctionProcess.StartAsync(WebhookHarness.FunctionApp, _harness.Configuration(), _harness.Directory);
        _registry = await RegistryProcess.StartAsync(_work, new Uri(_function.BaseAddress, "?source=distribution"), Senders.DistributionAuthorization);
    }

    public async Task DisposeAsync()
    {
        if (_registry is not null)
        {
            await _registry.DisposeAsync();
        }

        if (_function is not null)
        {
            await _function.DisposeAsync();
        }

        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
    }

    [Fact]
    public async Task Pushes_refresh_the_cache_once_per_new_digest_and_auto_create_new_repositories()
    {
        var image = $"{_registry.Host}/team/app:v1";
        var layout = Path.Combine(_work, "oci");
        await Tool.RunAsync("umoci", _work, "init", "--layout", layout);
        var first = await BuildAsync(layout, "one", "first content");
        var second = await BuildAsync(layout, "two", "second content");
        Assert.NotEqual(first, second);

        var cache = await _harness.CreateReadyCacheAsync("app", image);
        var id = cache.Status!.ImageCacheId!;

        // First push: the cache held the tag before any digest was known, so it is refreshed.
        await PushAsync(layout, "one", "team/app:v1");
        await CachedDigestAsync("app", image, first);
        await _harness.ConvergeAsync();
        var afterFirst = _harness.Updates(id);

        // A changed image pushed to the same tag: exactly one UpdateImageCache.
        await PushAsync(layout, "two", "team/app:v1");
        await CachedDigestAsync("app", image, second);
        Assert.Equal(afterFirst + 1, _harness.Updates(id));
        await _harness.ConvergeAsync();
        Assert.Equal(ImageCachePhase.Ready, (await _harness.GetAsync("app")).Status!.Phase);

        // The same digest pushed again: the function says so on the object, and calls nothing.
        var mutations = _harness.EciMutations();
        await PushAsync(layout, "two", "team/app:v1");
        await WebhookHarness.EventuallyAsync(
            () => _harness.EventsAboutAsync("app"),
            events => events.Any(e => e.Reason == RefreshEventReasons.RefreshNotNeeded && e.Message.Contains(second, StringComparison.Ordinal)),
            "the re-push of the same digest to be reported");
        Assert.Equal(afterFirst + 1, _harness.Updates(id));
        Assert.Equal(mutations, _harness.EciMutations());
        Assert.Null((await _harness.GetAsync("app")).Status!.PendingRefresh);

        // A new repository under team/: the auto-create rule makes its cache, and ECI builds it.
        await PushAsync(layout, "one", "team/other:v1");
        var created = await WebhookHarness.EventuallyAsync(
            () => _harness.ListAsync($"{ImageCacheResource.AutoCreatedLabel}=team"),
            list => list.Count == 1 && list[0].Status?.ImageCacheId is not null,
            "the auto-created cache for team/other:v1");
        var other = Assert.Single(created);
        Assert.Equal([$"{_registry.Host}/team/other:v1"], other.Spec.Images);
        Assert.Equal(first, Assert.Single(other.Status!.Images!).Digest);
        Assert.Contains(_harness.Eci.Calls.Of("CreateImageCache"), c => c.StatusCode == 200 && c.Parameters.Values.Contains($"{_registry.Host}/team/other:v1"));
        Assert.Single(await _harness.ListAsync($"{ImageCacheResource.AutoCreatedLabel}=team"));
    }

    /// <summary>A one-layer image under <paramref name="tag"/> of the layout; returns its manifest digest.</summary>
    private async Task<string> BuildAsync(string layout, string tag, string content)
    {
        var file = Path.Combine(_work, tag + ".txt");
        await File.WriteAllTextAsync(file, content);
        await Tool.RunAsync("umoci", _work, "new", "--image", $"{layout}:{tag}");
        await Tool.RunAsync("umoci", _work, "insert", "--rootless", "--image", $"{layout}:{tag}", file, "/hello.txt");
        using var index = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(layout, "index.json")));
        return index.RootElement.GetProperty("manifests").EnumerateArray()
            .Single(m => m.TryGetProperty("annotations", out var a) && a.GetProperty("org.opencontainers.image.ref.name").GetString() == tag)
            .GetProperty("digest").GetString()!;
    }

    private Task PushAsync(string layout, string tag, string destination) =>
        Tool.RunAsync("skopeo", _work, "--insecure-policy", "copy", "--dest-tls-verify=false", $"oci:{layout}:{tag}", $"docker://{_registry.Host}/{destination}");

    /// <summary>Waits until the function has recorded and applied the refresh to <paramref name="digest"/>.</summary>
    private async Task CachedDigestAsync(string name, string image, string digest)
    {
        try
        {
            await WebhookHarness.EventuallyAsync(
                () => _harness.GetAsync(name),
                c => c.Status?.PendingRefresh is null && c.Status?.Images?.SingleOrDefault(i => i.Image == image)?.Digest == digest,
                $"imagecache {name} to cache {digest}");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}{Environment.NewLine}function:{Environment.NewLine}{_function.Output}{Environment.NewLine}registry:{Environment.NewLine}{_registry.Output}", e);
        }
    }
}
