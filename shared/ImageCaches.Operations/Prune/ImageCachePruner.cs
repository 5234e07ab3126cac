using ImageCacheFunctions.Eci;
using ImageCacheFunctions.Eci.Errors;
using ImageCacheFunctions.Eci.Models;
using ImageCacheFunctions.ImageCaches.Kubernetes;
using ImageCacheFunctions.ImageCaches.Kubernetes.Errors;
using ImageCacheFunctions.ImageCaches.Operations.Eci;
using ImageCacheFunctions.ImageCaches.Operations.Reconcile;
using ImageCacheFunctions.ImageCaches.Reconcile;
using ImageCacheFunctions.ImageCaches.Resources;
using ImageCacheFunctions.ImageCaches.Prune;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

using ImageCacheFunctions.ImageCaches.Operations.Events;

namespace ImageCacheFunctions.ImageCaches.Operations.Prune;

/// <summary>
/// One prune run: reads ECI's caches of this product and the ImageCache objects, selects (pure,
/// <see cref="PruneSelector"/>), stops everything if the selection exceeds the cap, then for
/// each candidate re-reads it, and (unless dry run) deletes the object (the finalizer path
/// shared with reconcile then releases it), deletes the ECI cache with a ClientToken, records
/// a Normal Event and a log line, and posts an ImageCachePruned CloudEvent. Stateless.
/// </summary>
public sealed partial class ImageCachePruner(
    EciCaches caches,
    ImageCacheStore store,
    ImageCacheEventRecorder events,
    ImageCacheReconciler reconciler,
    PruneConfirmer confirmer,
    CloudEventSink sink,
    IOptions<PruneOptions> options,
    TimeProvider time,
    ILogger<ImageCachePruner> logger)
{
    private readonly PruneOptions settings = options.Value;

    public async Task<PruneReport> PruneAsync(PruneRequest request, CancellationToken cancellationToken)
    {
        var report = await RunAsync(request, cancellationToken).ConfigureAwait(false);
        PruneMetrics.Record(report);
        return report;
    }

    private async Task<PruneReport> RunAsync(PruneRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var startedAt = time.GetUtcNow();
        var started = time.GetTimestamp();
        var run = new PruneRun(
            request.Trigger,
            request.DryRun ?? settings.DryRun,
            settings.ToRules(request.Policies),
            settings.ToCap(),
            startedAt,
            sink.IsConfigured);

        Fleet fleet;
        try
        {
            fleet = await ReadFleetAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is EciException or KubernetesApiException)
        {
            // Nothing is decided on a partial view.
            LogReadFailed(logger, ex.Message);
            return run.Failed(ex.Message, time.GetElapsedTime(started));
        }

        var selection = PruneSelector.Select(fleet, run.Rules, time.GetUtcNow());
        run.Selected(fleet, selection);

        if (run.Cap.Exceeded(selection.Candidates.Count, selection.FleetSize) is { } capReason)
        {
            run.Capped(capReason);
            LogCapped(logger, run.DryRun, capReason);
            if (!run.DryRun)
            {
                await WarnCappedAsync(selection.Candidates, capReason, cancellationToken).ConfigureAwait(false);
            }

            return run.ToReport(time.GetElapsedTime(started));
        }

        foreach (var candidate in selection.Candidates)
        {
            if (time.GetElapsedTime(started) >= settings.TimeBudget)
            {
                run.Skip(candidate, PruneSkipReasons.TimeBudget, $"the run's time budget of {settings.TimeBudget} was spent; the next run covers it");
                continue;
            }

            try
            {
                var confirmation = await confirmer.ConfirmAsync(candidate, run.Rules, cancellationToken).ConfigureAwait(false);
                if (!confirmation.Confirmed)
                {
                    run.Skip(candidate, confirmation.Verdict.Reason, confirmation.Detail ?? confirmation.Verdict.Detail);
                }
                else if (run.DryRun)
                {
                    run.WouldDelete(confirmation);
                }
                else
                {
                    await DeleteAsync(run, confirmation, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is EciException or KubernetesApiException)
            {
                LogDeleteFailed(logger, candidate.Member.DisplayName, candidate.Member.ImageCacheId, ex.Message);
                run.Skip(candidate, PruneSkipReasons.Error, ex.Message);
            }
        }

        var report = run.ToReport(time.GetElapsedTime(started));
        LogRun(logger, report.Trigger, report.DryRun, report.Fleet.Members, selection.Candidates.Count, report.Deleted.Count, report.WouldDelete.Count, report.Skipped.Count, report.Reclaimed.GiB, report.DurationMilliseconds);
        return report;
    }

    private async Task<Fleet> ReadFleetAsync(CancellationToken cancellationToken)
    {
        // ECI first: a cache listed here was made for an object created before the LIST below
        // started, so an object missing from that LIST really is gone.
        var managed = (await caches.DescribeFleetAsync(null, cancellationToken).ConfigureAwait(false)).Select(EciCacheState.From).ToList();

        var objects = new List<ImageCacheObjectState>();
        await foreach (var obj in store.ListAsync(null, cancellationToken).ConfigureAwait(false))
        {
            objects.Add(ImageCacheObjectState.From(obj));
        }

        return Fleet.Join(managed, objects);
    }

    private async Task DeleteAsync(PruneRun run, PruneConfirmation confirmation, CancellationToken cancellationToken)
    {
        var member = confirmation.Member;
        var verdict = confirmation.Verdict;
        var obj = confirmation.Object;
        var uid = obj?.Metadata.Uid ?? member.Cache?.OwnerUid;

        // The object first: once it carries a deletionTimestamp, reconcile only finalizes it (it
        // never recreates the cache), and the finalizer holds it until the ECI cache is gone.
        var objectDeleted = false;
        var finalizerPending = false;
        if (obj is not null)
        {
            ImageCacheDeleteResult result;
            try
            {
                result = await store.DeleteAsync(obj.Metadata.Name, obj.Metadata.Uid, expectedResourceVersion: null, cancellationToken).ConfigureAwait(false);
            }
            catch (KubernetesConflictException)
            {
                run.Skip(confirmation.Selected, PruneSkipReasons.Changed, "the ImageCache object was replaced just before its deletion");
                return;
            }

            if (result.Outcome == ImageCacheDeleteOutcome.NotFound)
            {
                run.Skip(confirmation.Selected, PruneSkipReasons.Changed, "the ImageCache object was deleted by someone else meanwhile");
                return;
            }

            objectDeleted = true;
            finalizerPending = result.Outcome == ImageCacheDeleteOutcome.Pending;
        }

        var eciDeleted = false;
        string? note = null;
        if (member.Cache is { } cache)
        {
            try
            {
                // The token reconcile's finalizer uses for the same deletion: either may run first.
                eciDeleted = await caches.DeleteAsync(uid ?? "", cache.ImageCacheId, null, cancellationToken).ConfigureAwait(false);
                if (!eciDeleted)
                {
                    note = "ECI had already removed the cache";
                }
            }
            catch (EciException ex) when (objectDeleted)
            {
                // The finalizer keeps the object until reconcile has deleted the cache.
                note = $"DeleteImageCache failed ({ex.Code}); the finalizer path retries it";
            }
        }

        if (finalizerPending)
        {
            var finalized = await reconciler.ReconcileAsync(obj!.Metadata.Name, cancellationToken).ConfigureAwait(false);
            if (finalized.Outcome is not (ObjectReconcileOutcome.Finalized or ObjectReconcileOutcome.NotFound))
            {
                note = Join(note, $"the finalizer is released by the next reconcile ({finalized.Outcome}{(finalized.Message is null ? "" : ": " + finalized.Message)})");
            }
        }

        var entry = new PruneReportEntry(
            obj?.Metadata.Name,
            member.ImageCacheId,
            PrunePolicies.NameOf(verdict.Policy),
            PrunePolicies.NameOf(verdict.Policy),
            Join(verdict.Detail, note),
            member.SizeGiB,
            eciDeleted,
            objectDeleted);
        run.Deleted(entry, eciDeleted ? member.SizeGiB : 0);
        LogPruned(logger, entry.Name, entry.ImageCacheId, entry.Policy, entry.Detail, entry.SizeGiB, eciDeleted, objectDeleted);

        if (obj is not null)
        {
            var message = $"Pruned ({entry.Policy}): {verdict.Detail}."
                + (member.Cache is null ? "" : $" ECI image cache {member.Cache.ImageCacheId} deleted; pods already created from it are not affected.");
            await events.NormalAsync(obj, ImageCacheEventReasons.Pruned, message, cancellationToken).ConfigureAwait(false);
        }

        if (sink.IsConfigured)
        {
            run.CloudEvent(await sink.SendAsync(ImageCachePrunedEvent.Create(entry, uid, time.GetUtcNow(), sink.Source), cancellationToken).ConfigureAwait(false));
        }
    }

    private async Task WarnCappedAsync(IReadOnlyList<PruneCandidate> candidates, string capReason, CancellationToken cancellationToken)
    {
        // Bounded: a mass selection must not turn into a mass of Event writes.
        foreach (var candidate in candidates.Where(c => c.Member.Object is not null).Take(settings.MaxCappedWarningEvents))
        {
            var obj = candidate.Member.Object!;
            var subject = Resources.ImageCache.Create(obj.Name, new ImageCacheSpec());
            subject.Metadata.Uid = obj.Uid;
            await events.WarningAsync(
                subject,
                PruneEventReasons.Capped,
                $"Not pruned ({PrunePolicies.NameOf(candidate.Policy)}): the prune run stopped without deleting anything: {capReason}. Check the clock and ECI's expiry dates, or raise Prune:MaxDeletionsPerRun / Prune:MaxDeletionFraction.",
                cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Join(string? first, string? second) =>
        string.IsNullOrEmpty(second) ? first ?? "" : string.IsNullOrEmpty(first) ? second : first + "; " + second;

    [LoggerMessage(Level = LogLevel.Information, Message = "pruned imagecache {Name} (ECI cache {ImageCacheId}) as {Policy}: {Detail}; {SizeGiB} GiB; ECI cache deleted: {EciCacheDeleted}, object deleted: {ObjectDeleted}")]
    private static partial void LogPruned(ILogger logger, string? name, string? imageCacheId, string policy, string detail, int sizeGiB, bool eciCacheDeleted, bool objectDeleted);

    [LoggerMessage(Level = LogLevel.Warning, Message = "prune run capped (dry run: {DryRun}), nothing deleted: {Reason}")]
    private static partial void LogCapped(ILogger logger, bool dryRun, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "prune run could not read the fleet, nothing deleted: {Detail}")]
    private static partial void LogReadFailed(ILogger logger, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "pruning {Name} (ECI cache {ImageCacheId}) failed, the next run retries: {Detail}")]
    private static partial void LogDeleteFailed(ILogger logger, string name, string? imageCacheId, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "prune run ({Trigger}, dry run: {DryRun}): {Members} caches, {Selected} selected, {Deleted} deleted, {WouldDelete} would be deleted, {Skipped} skipped, {ReclaimedGiB} GiB reclaimed, {DurationMs} ms")]
    private static partial void LogRun(ILogger logger, string trigger, bool dryRun, int members, int selected, int deleted, int wouldDelete, int skipped, long reclaimedGiB, long durationMs);
}
