using System.Collections.Concurrent;
using ImageCacheFunctions.ImageCaches.Resources;
using Microsoft.Extensions.Logging;

namespace ImageCacheFunctions.ImageCaches.Kubernetes;

/// <summary>
/// Events that repeat at a high rate (a registry's duplicate deliveries: "nothing to do") are
/// counted in memory and written as one Event with the count, at most once per
/// <see cref="FlushInterval"/> per Event, off the request: a no-op costs no Kubernetes write.
/// What <c>kubectl describe</c> shows is the same aggregated Event (count, lastTimestamp), a few
/// seconds later. Counts not yet written when the process dies are lost; Events are best effort.
/// </summary>
public sealed partial class ImageCacheEventTally : IAsyncDisposable
{
    /// <summary>How long a count waits before it is written.</summary>
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(5);

    private readonly ImageCacheEventRecorder _recorder;
    private readonly ILogger<ImageCacheEventTally> _logger;
    private readonly ConcurrentDictionary<string, Pending> _pending = new(StringComparer.Ordinal);
    private readonly ITimer _timer;
    private readonly SemaphoreSlim _flushing = new(1, 1);

    public ImageCacheEventTally(ImageCacheEventRecorder recorder, TimeProvider time, ILogger<ImageCacheEventTally> logger)
    {
        ArgumentNullException.ThrowIfNull(time);
        _recorder = recorder;
        _logger = logger;
        _timer = time.CreateTimer(_ => _ = FlushInBackgroundAsync(), null, FlushInterval, FlushInterval);
    }

    /// <summary>Counts one more occurrence of a Normal Event; it is written with the next flush.</summary>
    public void Normal(ImageCache cache, string reason, string message)
    {
        ArgumentNullException.ThrowIfNull(cache);
        message = ImageCacheEventRecorder.Shorten(message);
        var key = ImageCacheEventRecorder.EventName(cache, KubernetesEventTypes.Normal, reason, message);
        _pending.AddOrUpdate(
            key,
            _ => new Pending(cache, reason, message, 1),
            (_, existing) => existing with { Count = existing.Count + 1 });
    }

    /// <summary>Writes every count now (one Event write per distinct Event).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _flushing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var key in _pending.Keys)
            {
                if (_pending.TryRemove(key, out var pending))
                {
                    LogCounted(_logger, pending.Cache.Metadata?.Name, pending.Reason, pending.Count, pending.Message);
                    await _recorder.RecordAsync(pending.Cache, KubernetesEventTypes.Normal, pending.Reason, pending.Message, pending.Count, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            _flushing.Release();
        }
    }

    private async Task FlushInBackgroundAsync()
    {
        try
        {
            using var bound = new CancellationTokenSource(FlushInterval);
            await FlushAsync(bound.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Nobody awaits a timer's flush: a failure is logged; the next flush tries the rest.
            LogFlushFailed(_logger, e.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _timer.DisposeAsync().ConfigureAwait(false);
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await FlushAsync(bound.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Shutting down: counts that could not be written in time are dropped, as a crash would.
        }

        _flushing.Dispose();
    }

    // The log's counted summary of what each occurrence no longer logs on its own.
    [LoggerMessage(Level = LogLevel.Information, Message = "imagecache {Name}: {Reason} ×{Count} since the last count: {Detail}")]
    private static partial void LogCounted(ILogger logger, string? name, string reason, int count, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "counted Events not written: {Detail}")]
    private static partial void LogFlushFailed(ILogger logger, string detail);

    private sealed record Pending(ImageCache Cache, string Reason, string Message, int Count);
}
