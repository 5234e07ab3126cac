using System.Text;
using ImageCacheFunctions.ImageCaches.Operations.Refresh;
using ImageCacheFunctions.ImageCaches.Registries;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ImageCacheFunctions.Refresh.Tests;

/// <summary>
/// Issue 16 item 3 in process: the re-read runs on the TimeProvider (nothing changes until the
/// clock moves), a secret swapped the way Kubernetes swaps a secret volume (the <c>..data</c>
/// symbolic link) is picked up, and a new version that cannot be read keeps the last good one.
/// </summary>
public sealed partial class SourceReloadTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("webhook-reload-").FullName;

    [Fact]
    public async Task A_secret_swapped_through_the_data_link_is_in_force_after_the_reload_interval_and_a_broken_one_keeps_the_last_good()
    {
        // The layout of a Kubernetes secret volume: name -> ..data/name, ..data -> ..<timestamp>.
        var volume = Directory.CreateDirectory(Path.Combine(_folder, "secrets")).FullName;
        Version(volume, "..v1", "token-1");
        File.CreateSymbolicLink(Path.Combine(volume, "..data"), "..v1");
        File.CreateSymbolicLink(Path.Combine(volume, "hub"), Path.Combine("..data", "hub"));
        var sourcesFile = Path.Combine(_folder, "sources.yaml");
        File.WriteAllText(sourcesFile, "sources:\n  hub:\n    type: dockerhub\n    auth: { type: url-token, secretFile: secrets/hub }\n");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Webhook:SourcesFile"] = sourcesFile }).Build();
        var sources = new WebhookSources(configuration);
        var time = new FakeTimeProvider();
        var interval = TimeSpan.FromSeconds(10);
        using var reloader = new WebhookSourcesReloader(sources, Options.Create(new WebhookRefreshOptions { ReloadInterval = interval }), time);
        await reloader.StartAsync(CancellationToken.None);
        Assert.Equal(200, Post(sources, "token-1"));

        Version(volume, "..v2", "token-2");
        Swap(volume, "..v2");
        Assert.Equal(200, Post(sources, "token-1"));   // the clock has not moved: nothing re-read yet

        time.Advance(interval);
        Assert.Equal(401, Post(sources, "token-1"));
        Assert.Equal(200, Post(sources, "token-2"));

        Version(volume, "..v3", string.Empty);
        Swap(volume, "..v3");
        time.Advance(interval);
        Assert.Equal(200, Post(sources, "token-2"));   // an empty secret keeps the last good one
        Assert.Empty(sources.Settings.Broken);

        File.WriteAllText(sourcesFile, "sources: [not a map");
        time.Advance(interval);
        Assert.Equal(200, Post(sources, "token-2"));
        Assert.Contains("sources.yaml", sources.LastReloadFailure, StringComparison.Ordinal);
        var health = await sources.CheckHealthAsync(new());
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded, health.Status);
    }

    private static int Post(WebhookSources sources, string token) =>
        sources.Receiver.Receive(WebhookRequest.Create(
            "POST",
            new Dictionary<string, string> { ["source"] = "hub", ["token"] = token },
            new Dictionary<string, string> { ["Content-Type"] = "application/json" },
            Encoding.UTF8.GetBytes(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Payloads", "dockerhub-push.json"))))).StatusCode;

    private static void Version(string volume, string name, string token)
    {
        Directory.CreateDirectory(Path.Combine(volume, name));
        File.WriteAllText(Path.Combine(volume, name, "hub"), token);
    }

    // Kubernetes' atomic writer: a new ..data link renamed over the old one.
    private static void Swap(string volume, string target)
    {
        var next = Path.Combine(volume, "..data_tmp");
        File.CreateSymbolicLink(next, target);
        Assert.Equal(0, Rename(next, Path.Combine(volume, "..data")));
    }

    // rename(2) replaces the link itself; File.Move would follow it to the folder.
    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "rename", SetLastError = true)]
    private static extern int Rename(string from, string to);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
