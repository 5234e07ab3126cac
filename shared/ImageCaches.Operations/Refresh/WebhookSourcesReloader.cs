using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ImageCacheFunctions.ImageCaches.Operations.Refresh;

/// <summary>
/// Re-reads the webhook sources when their files change: a watch on the folders that hold the
/// sources file and the secret files (Kubernetes swaps a secret volume's <c>..data</c> symbolic
/// link, which is a change in that folder), plus a re-read every
/// <see cref="WebhookRefreshOptions.ReloadInterval"/> on the <see cref="TimeProvider"/> for what a
/// watch misses (some volume drivers, network file systems). A re-read that finds the same bytes
/// does nothing.
/// </summary>
public sealed class WebhookSourcesReloader(WebhookSources sources, IOptions<WebhookRefreshOptions> options, TimeProvider time) : IHostedService, IDisposable
{
    /// <summary>A burst of file events (an editor writing in several steps) becomes one re-read this long after the last.</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(250);

    private readonly List<FileSystemWatcher> _watchers = [];
    private ITimer? _timer;
    private ITimer? _settle;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var interval = options.Value.ReloadInterval;
        _timer = time.CreateTimer(_ => sources.Reload(), null, interval, interval);
        _settle = time.CreateTimer(_ => sources.Reload(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        foreach (var folder in sources.Settings.Files.Select(Path.GetDirectoryName).Where(Directory.Exists).Distinct(StringComparer.Ordinal))
        {
            var watcher = new FileSystemWatcher(folder!)
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
                IncludeSubdirectories = false,
            };
            watcher.Changed += OnChange;
            watcher.Created += OnChange;
            watcher.Deleted += OnChange;
            watcher.Renamed += OnChange;
            watcher.EnableRaisingEvents = true;
            _watchers.Add(watcher);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _timer?.Dispose();
        _timer = null;
        _settle?.Dispose();
        _settle = null;
        foreach (var watcher in _watchers)
        {
            watcher.Dispose();
        }

        _watchers.Clear();
    }

    private void OnChange(object sender, FileSystemEventArgs e) => _settle?.Change(Settle, Timeout.InfiniteTimeSpan);
}
