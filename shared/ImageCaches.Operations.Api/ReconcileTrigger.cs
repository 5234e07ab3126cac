using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Threading.Channels;
using ImageCacheFunctions.ImageCaches.Kubernetes;
using ImageCacheFunctions.ImageCaches.Kubernetes.Errors;
using ImageCacheFunctions.ImageCaches.Resources;
using ImageCacheFunctions.ImageCaches.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImageCacheFunctions.ImageCaches.Operations.Api;

/// <summary>
/// Asks reconcile-status to reconcile one ImageCache now, so that an admitted create or spec
/// change does not wait for the next cron tick. Fire-and-forget: admission answers at once and
/// a background loop (one per process) waits until the API server has stored the object
/// (admission runs before it does; bounded by <see cref="ApiOptions.ReconcileObjectWait"/>),
/// then POSTs <c>{Api:ReconcileUrl}?name=&lt;name&gt;</c> with the function key. Any failure is
/// logged and dropped: the cron pass reconciles the object anyway.
/// </summary>
/// <remarks>
/// Why through the gateway and not ImageCacheReconciler in this process: this function would
/// otherwise need the ECI credentials and write access to ECI, although it only reads
/// Kubernetes; the admission routes are called by the API server without a key, so they
/// should hold as little power as possible. reconcile-status already has both.
/// </remarks>
public sealed partial class ReconcileTrigger : IAsyncDisposable
{
    public const string HttpClientName = "ImageCacheReconcileTrigger";

    /// <summary>Most objects waiting to be triggered; beyond that the cron pass does it.</summary>
    public const int QueueCapacity = 256;

    /// <summary>The meter of <see cref="DroppedCounterName"/>.</summary>
    public const string MeterName = "ImageCacheFunctions.ImageCacheApi";

    /// <summary>Counts triggers not queued because the queue was full (the cron pass does them).</summary>
    public const string DroppedCounterName = "imagecache_api_reconcile_trigger_dropped";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> DroppedCounter = Meter.CreateCounter<long>(DroppedCounterName, description: "reconcile triggers dropped because the queue was full");

    private readonly IHttpClientFactory _httpClients;
    private readonly ImageCacheStore _store;
    private readonly ApiOptions _settings;
    private readonly TimeProvider _time;
    private readonly ILogger<ReconcileTrigger> _logger;
    private readonly string _keyFile;
    // FullMode.Wait: TryWrite then answers false when the queue is full. (DropWrite would answer
    // true and drop the item, so a full queue went unnoticed and its name stayed in _pending.)
    private readonly Channel<ReconcileTriggerRequest> _queue = Channel.CreateBounded<ReconcileTriggerRequest>(
        new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });
    private readonly ConcurrentDictionary<string, byte> _pending = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private Task? _worker;
    private long _dropped;

    public ReconcileTrigger(
        IHttpClientFactory httpClients,
        ImageCacheStore store,
        IOptions<ApiOptions> options,
        IConfiguration configuration,
        TimeProvider time,
        ILogger<ReconcileTrigger> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        _httpClients = httpClients;
        _store = store;
        _settings = options.Value;
        _time = time;
        _logger = logger;
        _keyFile = _settings.EffectiveFunctionKeyFile(configuration[ApiOptionsValidator.SecretsDirectoryKey]);
    }

    /// <summary>True when <see cref="ApiOptions.ReconcileUrl"/> is set.</summary>
    public bool IsEnabled => _settings.ReconcileUrl is not null;

    /// <summary>Names queued or being handled now (at most <see cref="QueueCapacity"/> + 1).</summary>
    public int Pending => _pending.Count;

    /// <summary>Triggers dropped by this process because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>
    /// Queues a reconcile of <paramref name="name"/>. <paramref name="previousResourceVersion"/>
    /// (for an update) makes the loop wait for a newer version than the one admitted against.
    /// False when disabled, already queued, the name is no Kubernetes name (longer than
    /// <see cref="ImageCacheSpec.MaxNameLength"/>), or the queue is full (counted in
    /// <see cref="Dropped"/> and <see cref="DroppedCounterName"/>, and logged).
    /// </summary>
    public bool Request(string name, string? previousResourceVersion)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!IsEnabled || _stopping.IsCancellationRequested || name.Length > ImageCacheSpec.MaxNameLength
            || previousResourceVersion is { Length: > ImageCacheSpec.MaxNameLength } || !_pending.TryAdd(name, 0))
        {
            return false;
        }

        if (!_queue.Writer.TryWrite(new ReconcileTriggerRequest(name, previousResourceVersion)))
        {
            _pending.TryRemove(name, out _);
            Interlocked.Increment(ref _dropped);
            DroppedCounter.Add(1);
            LogQueueFull(_logger, name);
            return false;
        }

        EnsureWorker();
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        Task? worker;
        lock (_gate)
        {
            worker = _worker;
        }

        if (worker is not null)
        {
            try
            {
                await worker.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }
        }

        _stopping.Dispose();
    }

    private void EnsureWorker()
    {
        lock (_gate)
        {
            _worker ??= Task.Run(() => RunAsync(_stopping.Token));
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        await foreach (var request in _queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                if (await WaitForObjectAsync(request, cancellationToken).ConfigureAwait(false))
                {
                    await PostAsync(request.Name, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Nothing here may stop the loop; the cron pass is the safety net.
                LogFailed(_logger, request.Name, BoundedText.ForLog(ex.Message));
            }
            finally
            {
                _pending.TryRemove(request.Name, out _);
            }
        }
    }

    private async Task<bool> WaitForObjectAsync(ReconcileTriggerRequest request, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        while (true)
        {
            try
            {
                var cache = await _store.GetAsync(request.Name, cancellationToken).ConfigureAwait(false);
                if (cache is not null && (request.PreviousResourceVersion is null || cache.Metadata.ResourceVersion != request.PreviousResourceVersion))
                {
                    return true;
                }
            }
            catch (KubernetesApiException ex)
            {
                LogLookupFailed(_logger, request.Name, BoundedText.ForLog(ex.Message));
            }

            if (_time.GetElapsedTime(started) >= _settings.ReconcileObjectWait)
            {
                // Denied by another webhook, or the API server is slow: the cron pass will see it.
                LogNotStored(_logger, request.Name, _settings.ReconcileObjectWait.TotalSeconds);
                return false;
            }

            await Task.Delay(_settings.ReconcileObjectPollInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task PostAsync(string name, CancellationToken cancellationToken)
    {
        var url = _settings.ReconcileUrl!;
        var target = new UriBuilder(url)
        {
            Query = (string.IsNullOrEmpty(url.Query) ? "" : url.Query.TrimStart('?') + "&") + "name=" + Uri.EscapeDataString(name),
        }.Uri;
        var key = (await File.ReadAllTextAsync(_keyFile, cancellationToken).ConfigureAwait(false)).Trim();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_settings.ReconcileTimeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, target);
        request.Headers.TryAddWithoutValidation("x-functions-key", key);
        try
        {
            using var response = await _httpClients.CreateClient(HttpClientName).SendAsync(request, timeout.Token).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                LogTriggered(_logger, name, (int)response.StatusCode);
            }
            else
            {
                LogRefused(_logger, name, (int)response.StatusCode);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogFailed(_logger, name, $"no answer within {_settings.ReconcileTimeout}");
        }
        catch (HttpRequestException ex)
        {
            LogFailed(_logger, name, BoundedText.ForLog(ex.Message));
        }
    }

    // The URL and key are never logged: a gateway URL may carry credentials.
    [LoggerMessage(Level = LogLevel.Information, Message = "reconcile of imagecache {Name} triggered: HTTP {Status}")]
    private static partial void LogTriggered(ILogger logger, string name, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "reconcile of imagecache {Name} refused by reconcile-status: HTTP {Status}; the cron pass will do it")]
    private static partial void LogRefused(ILogger logger, string name, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "reconcile of imagecache {Name} not triggered: {Detail}; the cron pass will do it")]
    private static partial void LogFailed(ILogger logger, string name, string detail);

    [LoggerMessage(Level = LogLevel.Debug, Message = "reconcile trigger: reading imagecache {Name} failed: {Detail}")]
    private static partial void LogLookupFailed(ILogger logger, string name, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "reconcile trigger: imagecache {Name} was not stored within {Seconds} s; left to the cron pass")]
    private static partial void LogNotStored(ILogger logger, string name, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "reconcile trigger queue is full; imagecache {Name} is left to the cron pass")]
    private static partial void LogQueueFull(ILogger logger, string name);
}

/// <summary>One queued trigger.</summary>
public sealed record ReconcileTriggerRequest(string Name, string? PreviousResourceVersion);
