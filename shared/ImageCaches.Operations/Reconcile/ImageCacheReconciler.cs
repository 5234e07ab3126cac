using System.Collections.Concurrent;
using ImageCacheFunctions.Eci;
using ImageCacheFunctions.Eci.Errors;
using ImageCacheFunctions.ImageCaches.Kubernetes;
using ImageCacheFunctions.ImageCaches.Kubernetes.Errors;
using ImageCacheFunctions.ImageCaches.Operations.Eci;
using ImageCacheFunctions.ImageCaches.Operations.Refresh;
using ImageCacheFunctions.ImageCaches.Reconcile;
using ImageCacheFunctions.ImageCaches.Resources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImageCacheFunctions.ImageCaches.Operations.Reconcile;

/// <summary>
/// The controller loop, one pass per call: reads ECI's caches of this product (paged, by tag)
/// and the ImageCache objects (paged), reconciles each object (bounded concurrency, within a
/// time budget) and reports what it did, what failed, which ECI caches are orphans and what is
/// left for the next pass. Stateless: any replica can run any pass, two at once included.
/// </summary>
public sealed partial class ImageCacheReconciler
{
    private readonly ImageCacheStore _store;
    private readonly EciCaches _caches;
    private readonly ObjectReconciliation _objects;
    private readonly EciCacheOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ImageCacheReconciler> _logger;

    /// <summary>The collaborators come from DI (<see cref="OperationsServiceCollectionExtensions.AddImageCacheOperations"/>).</summary>
    public ImageCacheReconciler(
        ImageCacheStore store,
        EciCaches caches,
        ObjectReconciliation objects,
        IOptions<EciCacheOptions> options,
        TimeProvider time,
        ILogger<ImageCacheReconciler> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _caches = caches;
        _objects = objects;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>One pass over every object, or over the one <see cref="ReconcileRequest.Name"/> names.</summary>
    public async Task<ReconcileReport> ReconcileAllAsync(ReconcileRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var startedAt = _time.GetUtcNow();
        var started = _time.GetTimestamp();
        var tally = new PassTally();
        IReadOnlyList<OrphanCache> orphans = [];

        if (request.Name is { } name)
        {
            tally.SeenOne();
            tally.Add(await ReconcileOneAsync(name, tally, cancellationToken).ConfigureAwait(false));
        }
        else
        {
            try
            {
                orphans = await PassAsync(request.TimeBudget ?? _options.TimeBudget, started, tally, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is EciException or KubernetesApiException)
            {
                // The pass could not read one side; nothing was decided on partial data.
                tally.Errors.Enqueue(new ReconcileError(null, ex.Message));
                LogPassFailed(_logger, ex.Message);
            }
        }

        var report = tally.ToReport(startedAt, _time.GetElapsedTime(started), orphans, includeUnchanged: request.Name is not null);
        ReconcileMetrics.Record(report, tally.Results, fullPass: request.Name is null);
        LogPass(_logger, report.ObjectsSeen, report.Created, report.Updated, report.StatusChanges, report.Deleted, report.Orphans.Count, report.Errors.Count, report.LeftOver.Count,
            report.EciCalls.Describe, report.KubernetesWrites, report.DurationMilliseconds);
        return report;
    }

    /// <summary>
    /// Reconciles one object now: describes just its caches (by its uid tag) instead of the
    /// fleet. For the webhook (after recording a refresh) and prune (after deleting a cache).
    /// Transient failures come back as <see cref="ObjectReconcileOutcome.Error"/>, not exceptions.
    /// </summary>
    public Task<ObjectReconcileResult> ReconcileAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return ReconcileCountedAsync(name, cancellationToken);
    }

    private async Task<ObjectReconcileResult> ReconcileCountedAsync(string name, CancellationToken cancellationToken)
    {
        var tally = new PassTally();
        var result = await ReconcileOneAsync(name, tally, cancellationToken).ConfigureAwait(false);
        tally.Add(result);
        ReconcileMetrics.Record(tally.ToReport(default, TimeSpan.Zero, [], includeUnchanged: false), tally.Results, fullPass: false);
        return result;
    }

    private async Task<ObjectReconcileResult> ReconcileOneAsync(string name, PassTally tally, CancellationToken cancellationToken)
    {
        try
        {
            var cache = await _store.GetAsync(name, cancellationToken).ConfigureAwait(false);
            if (cache is null)
            {
                return new ObjectReconcileResult(name, ObjectReconcileOutcome.NotFound);
            }

            var owned = await _caches.OwnedByAsync(cache, tally, cancellationToken).ConfigureAwait(false);
            return await _objects.RunAsync(cache, owned, tally, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is EciException or KubernetesApiException)
        {
            LogObjectFailed(_logger, name, ex.Message);
            return new ObjectReconcileResult(name, ObjectReconcileOutcome.Error, Message: ex.Message);
        }
    }

    private async Task<IReadOnlyList<OrphanCache>> PassAsync(TimeSpan budget, long started, PassTally tally, CancellationToken cancellationToken)
    {
        // ECI first: a cache listed here was made for an object that existed before the LIST
        // below started, so an object missing from the LIST really is gone (not yet listed can't be).
        var snapshotAt = KubernetesTime.Now(_time);
        var fleet = await _caches.DescribeFleetAsync(tally, cancellationToken).ConfigureAwait(false);
        var byOwner = fleet.Where(c => c.OwnerUid is not null).ToLookup(c => c.OwnerUid!, StringComparer.Ordinal);
        var seenUids = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.Concurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(_store.ListAsync(null, cancellationToken), parallel, async (cache, ct) =>
        {
            var name = cache.Metadata?.Name ?? "";
            tally.SeenOne();
            if (cache.Metadata?.Uid is { } uid)
            {
                seenUids.TryAdd(uid, 0);
            }

            if (_time.GetElapsedTime(started) >= budget)
            {
                tally.LeftOverOne(name);
                tally.Results.Enqueue(new ObjectReconcileResult(name, ObjectReconcileOutcome.LeftOver, cache.Status?.Phase, cache.Status?.ImageCacheId));
                return;
            }

            tally.Add(await ReconcileListedAsync(cache, byOwner, snapshotAt, tally, ct).ConfigureAwait(false));
        }).ConfigureAwait(false);

        return await FindOrphansAsync(fleet, seenUids, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ObjectReconcileResult> ReconcileListedAsync(ImageCache cache, ILookup<string, ObservedCache> byOwner, DateTimeOffset snapshotAt, PassTally tally, CancellationToken cancellationToken)
    {
        var name = cache.Metadata.Name;
        try
        {
            // Status written after the fleet was described (by another replica) is newer than the
            // snapshot: read this object's caches again rather than write an older view over it.
            var owned = cache.Status?.LastUpdatedTime > snapshotAt
                ? await _caches.OwnedByAsync(cache, tally, cancellationToken).ConfigureAwait(false)
                : byOwner[cache.Metadata.Uid].ToList();
            return await _objects.RunAsync(cache, owned, tally, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // One object's failure (or a simulated crash) never stops the others.
            LogObjectFailed(_logger, name, ex.Message);
            return new ObjectReconcileResult(name, ObjectReconcileOutcome.Error, cache.Status?.Phase, cache.Status?.ImageCacheId, Message: ex.Message);
        }
    }

    /// <summary>
    /// Caches tagged as this product's whose owner uid was not listed. Each is checked by its
    /// owner-name tag first, so an object created while the pass ran is not called an orphan.
    /// </summary>
    private async Task<IReadOnlyList<OrphanCache>> FindOrphansAsync(IEnumerable<ObservedCache> fleet, ConcurrentDictionary<string, byte> seenUids, CancellationToken cancellationToken)
    {
        var orphans = new List<OrphanCache>();
        foreach (var cache in fleet.Where(c => c.OwnerUid is null || !seenUids.ContainsKey(c.OwnerUid)))
        {
            if (cache.OwnerName is { Length: > 0 } ownerName && cache.OwnerUid is not null)
            {
                var owner = await _store.GetAsync(ownerName, cancellationToken).ConfigureAwait(false);
                if (owner?.Metadata?.Uid == cache.OwnerUid)
                {
                    continue;
                }
            }

            orphans.Add(new OrphanCache(cache.ImageCacheId, cache.OwnerName, cache.OwnerUid, cache.Status));
        }

        return orphans.OrderBy(o => o.ImageCacheId, StringComparer.Ordinal).ToList();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "reconcile pass: {Seen} objects, {Created} created, {Updated} updated, {StatusChanges} status changes, {Deleted} caches deleted, {Orphans} orphans, {Errors} errors, {LeftOver} left over; {Describes} Describe calls, {KubernetesWrites} Kubernetes writes, {DurationMs} ms")]
    private static partial void LogPass(ILogger logger, int seen, int created, int updated, int statusChanges, int deleted, int orphans, int errors, int leftOver, int describes, int kubernetesWrites, long durationMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "reconcile pass failed: {Detail}")]
    private static partial void LogPassFailed(ILogger logger, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "imagecache {Name}: reconcile failed, the next pass retries: {Detail}")]
    private static partial void LogObjectFailed(ILogger logger, string name, string detail);
}
