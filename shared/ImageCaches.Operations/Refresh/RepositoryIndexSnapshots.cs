using System.Collections.Concurrent;
using ImageCacheFunctions.ImageCaches.Kubernetes;
using ImageCacheFunctions.ImageCaches.Resources;
using Microsoft.Extensions.Options;

namespace ImageCacheFunctions.ImageCaches.Operations.Refresh;

/// <summary>
/// The answers of recent repository-index LISTs (label selector → the ImageCache objects it
/// selected), reused for <see cref="WebhookRefreshOptions.IndexMaxAge"/> so that a burst of
/// deliveries for one repository (a registry's retries, re-pushes of the same digest) costs one
/// Kubernetes LIST, not one per delivery. Concurrent readers of an expired or missing selector
/// share one LIST.
/// </summary>
/// <remarks>
/// Bounded: at most <see cref="MaxSelectors"/> selectors, each kept only when it selected at most
/// <see cref="MaxObjectsPerSelector"/> objects (a larger answer is used once and not kept).
/// Staleness is bounded by IndexMaxAge counted from the moment the LIST was sent: an ImageCache
/// created or changed after that is seen at most IndexMaxAge later by this process; this
/// process's own writes drop the selectors they touch at once (<see cref="Forget"/>). The
/// objects handed out are shared: callers must not change them.
/// </remarks>
public sealed class RepositoryIndexSnapshots(ImageCacheStore store, IOptions<WebhookRefreshOptions> options, TimeProvider time)
{
    /// <summary>Selectors kept at once.</summary>
    public const int MaxSelectors = 1024;

    /// <summary>Objects one kept selector may hold.</summary>
    public const int MaxObjectsPerSelector = 32;

    private readonly TimeSpan _maxAge = options.Value.IndexMaxAge;
    private readonly ConcurrentDictionary<string, Snapshot> _snapshots = new(StringComparer.Ordinal);

    /// <summary>The objects <paramref name="selector"/> selects, read at most IndexMaxAge ago.</summary>
    public async Task<IReadOnlyList<ImageCache>> ListAsync(string selector, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(selector);
        if (_maxAge <= TimeSpan.Zero)
        {
            return await ReadAsync(selector, cancellationToken).ConfigureAwait(false);
        }

        while (true)
        {
            if (_snapshots.TryGetValue(selector, out var known) && time.GetElapsedTime(known.SentAt) < _maxAge && !known.Answer.Task.IsFaulted)
            {
                return await known.Answer.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            var fresh = new Snapshot(time.GetTimestamp(), new TaskCompletionSource<IReadOnlyList<ImageCache>>(TaskCreationOptions.RunContinuationsAsynchronously));
            if (known is null ? _snapshots.TryAdd(selector, fresh) : _snapshots.TryUpdate(selector, fresh, known))
            {
                Trim();
                _ = FillAsync(selector, fresh);
                return await fresh.Answer.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            // Another reader started a LIST first: the next turn shares its answer.
        }
    }

    /// <summary>Drops what is known about <paramref name="selectors"/>: the next read lists them again.</summary>
    public void Forget(IEnumerable<string> selectors)
    {
        ArgumentNullException.ThrowIfNull(selectors);
        foreach (var selector in selectors)
        {
            _snapshots.TryRemove(selector, out _);
        }
    }

    /// <summary>
    /// One LIST for every reader of the snapshot, not tied to any one caller's cancellation (a
    /// reader that gives up must not fail the others); bounded by Kubernetes:RequestTimeout.
    /// </summary>
    private async Task FillAsync(string selector, Snapshot snapshot)
    {
        try
        {
            var objects = await ReadAsync(selector, CancellationToken.None).ConfigureAwait(false);
            if (objects.Count > MaxObjectsPerSelector)
            {
                _snapshots.TryRemove(KeyValuePair.Create(selector, snapshot));
            }

            snapshot.Answer.TrySetResult(objects);
        }
        catch (Exception e)
        {
            // Not kept: the next reader lists again. Readers waiting now see the failure.
            _snapshots.TryRemove(KeyValuePair.Create(selector, snapshot));
            snapshot.Answer.TrySetException(e);
        }
    }

    private async Task<IReadOnlyList<ImageCache>> ReadAsync(string selector, CancellationToken cancellationToken)
    {
        var objects = new List<ImageCache>();
        await foreach (var cache in store.ListAsync(selector, cancellationToken).ConfigureAwait(false))
        {
            objects.Add(cache);
        }

        return objects;
    }

    private void Trim()
    {
        if (_snapshots.Count <= MaxSelectors)
        {
            return;
        }

        foreach (var (selector, snapshot) in _snapshots)
        {
            if (time.GetElapsedTime(snapshot.SentAt) >= _maxAge)
            {
                _snapshots.TryRemove(KeyValuePair.Create(selector, snapshot));
            }
        }

        if (_snapshots.Count > MaxSelectors)
        {
            // All recent (more distinct repositories within IndexMaxAge than the bound): start over.
            _snapshots.Clear();
        }
    }

    private sealed record Snapshot(long SentAt, TaskCompletionSource<IReadOnlyList<ImageCache>> Answer);
}
