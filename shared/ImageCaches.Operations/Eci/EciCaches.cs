using ImageCacheFunctions.Eci;
using ImageCacheFunctions.Eci.Models;
using ImageCacheFunctions.ImageCaches.Operations.Reconcile;
using ImageCacheFunctions.ImageCaches.Reconcile;
using ImageCacheFunctions.ImageCaches.Resources;
using Microsoft.Extensions.Options;
using Prometheus;
using ImageCache = ImageCacheFunctions.ImageCaches.Resources.ImageCache;

namespace ImageCacheFunctions.ImageCaches.Operations.Eci;

/// <summary>
/// The one way the operations reach ECI: the caches this product created (found by tag, page by
/// page, never one call per cache: the only paging loop), one cache by id, and the calls that
/// change them. Every call waits for one of the process's slots (Eci:Concurrency), whoever makes
/// it: a reconcile pass and the webhook's per-object reconciles share them, so a burst cannot trip
/// ECI's flow control (the client itself backs off and retries when ECI throttles anyway). In a
/// reconcile pass each call is counted in the pass tally. Reconcile and prune both use it.
/// </summary>
public sealed class EciCaches(IEciClient eci, IOptions<EciCacheOptions> options) : IDisposable
{
    private static readonly Counter GateWaits = Metrics.CreateCounter(
        "imagecache_eci_gate_waits_total",
        "ECI calls that found every slot of the process's concurrency gate (Eci:Concurrency) taken and had to wait.");

    private readonly int _pageSize = options.Value.PageSize;
    private readonly SemaphoreSlim _slots = CreateSlots(options.Value.Concurrency);

    /// <summary>Every cache tagged managed-by this product: ⌈caches / PageSize⌉ Describe calls.</summary>
    internal Task<List<ObservedCache>> DescribeFleetAsync(PassTally? tally, CancellationToken cancellationToken) =>
        DescribeAsync(new DescribeImageCachesRequest { Tags = [EciOwnerTags.ManagedBy] }, tally, cancellationToken);

    /// <summary>The caches of one object incarnation, by its uid tag.</summary>
    internal Task<List<ObservedCache>> OwnedByAsync(ImageCache cache, PassTally? tally, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cache);
        return DescribeAsync(new DescribeImageCachesRequest { Tags = EciOwnerTags.OwnedBy(cache.Metadata.Uid) }, tally, cancellationToken);
    }

    /// <summary>
    /// Before a recorded cache is called missing, asks ECI for it by id: it may have been created
    /// after the snapshot, or exist without this object's tags (made before tagging). Returns it
    /// when it exists and is not another object's.
    /// </summary>
    internal async Task<ObservedCache?> ConfirmRecordedAsync(ImageCache cache, IReadOnlyCollection<ObservedCache> owned, PassTally? tally, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cache);
        var recorded = cache.Status?.ImageCacheId;
        if (string.IsNullOrEmpty(recorded) || owned.Any(c => c.ImageCacheId == recorded))
        {
            return null;
        }

        var found = await FindAsync(recorded, tally, cancellationToken).ConfigureAwait(false);
        return found is not null && (found.OwnerUid is null || found.OwnerUid == cache.Metadata.Uid) ? found : null;
    }

    /// <summary>One cache by id, or null when ECI has none.</summary>
    internal async Task<ObservedCache?> FindAsync(string imageCacheId, PassTally? tally, CancellationToken cancellationToken)
    {
        var found = await DescribeAsync(new DescribeImageCachesRequest { ImageCacheId = imageCacheId }, tally, cancellationToken).ConfigureAwait(false);
        return found.FirstOrDefault(c => c.ImageCacheId == imageCacheId);
    }

    internal Task<CreateImageCacheResponse> CreateAsync(CreateImageCacheRequest request, PassTally? tally, CancellationToken cancellationToken)
    {
        tally?.Create();
        return GatedAsync(ct => eci.CreateImageCacheAsync(request, ct), cancellationToken);
    }

    internal Task<UpdateImageCacheResponse> UpdateAsync(UpdateImageCacheRequest request, PassTally? tally, CancellationToken cancellationToken)
    {
        tally?.Update();
        return GatedAsync(ct => eci.UpdateImageCacheAsync(request, ct), cancellationToken);
    }

    /// <summary>
    /// Deletes a cache; false when ECI has no cache with that id, which only DescribeImageCaches
    /// by id decides (<see cref="EciCacheDeletion"/>). Any other failure throws: the caller keeps
    /// its finalizer and the next pass tries again.
    /// </summary>
    internal Task<bool> DeleteAsync(string ownerUid, string imageCacheId, PassTally? tally, CancellationToken cancellationToken)
    {
        tally?.Delete();
        var request = new DeleteImageCacheRequest(imageCacheId) { ClientToken = ClientTokens.ForDelete(ownerUid, imageCacheId) };
        return EciCacheDeletion.DeleteAsync(
            ct => GatedAsync(c => eci.DeleteImageCacheAsync(request, c), ct),
            async ct => await FindAsync(imageCacheId, tally, ct).ConfigureAwait(false) is not null,
            cancellationToken);
    }

    private async Task<List<ObservedCache>> DescribeAsync(DescribeImageCachesRequest filter, PassTally? tally, CancellationToken cancellationToken)
    {
        var found = new List<ObservedCache>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        string? next = null;
        do
        {
            var request = filter with { Limit = _pageSize, NextToken = next };
            tally?.Describe();
            var page = await GatedAsync(ct => eci.DescribeImageCachesAsync(request, ct), cancellationToken).ConfigureAwait(false);

            foreach (var cache in page.ImageCaches)
            {
                // Pages are offsets into a list that may change between calls: keep each cache once.
                if (seen.Add(cache.ImageCacheId))
                {
                    found.Add(ObservedCaches.From(cache));
                }
            }

            // Stop on the last page, an empty page, and a token seen before (a server bug must not loop forever).
            next = string.IsNullOrEmpty(page.NextToken) || page.ImageCaches.Count == 0 || !tokens.Add(page.NextToken) ? null : page.NextToken;
        }
        while (next is not null);

        return found;
    }

    private static SemaphoreSlim CreateSlots(int concurrency)
    {
        // Publishes the counter at zero before the first wait, so rate() works from the start.
        GateWaits.Inc(0);
        return new SemaphoreSlim(Math.Max(1, concurrency));
    }

    private async Task<T> GatedAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        if (!_slots.Wait(0, CancellationToken.None))
        {
            GateWaits.Inc();
            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return await call(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
