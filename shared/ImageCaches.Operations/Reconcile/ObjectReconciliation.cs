using ImageCacheFunctions.Eci.Errors;
using ImageCacheFunctions.ImageCaches.Credentials;
using ImageCacheFunctions.ImageCaches.Images;
using ImageCacheFunctions.ImageCaches.Kubernetes;
using ImageCacheFunctions.ImageCaches.Operations.Eci;
using ImageCacheFunctions.ImageCaches.Operations.Sizing;
using ImageCacheFunctions.ImageCaches.Settings;
using ImageCacheFunctions.ImageCaches.Sizing;
using ImageCacheFunctions.ImageCaches.Reconcile;
using ImageCacheFunctions.ImageCaches.Resources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImageCacheFunctions.ImageCaches.Operations.Reconcile;

/// <summary>
/// Reconciles one object: finalizer first, then status mirrored from ECI, then at most one ECI
/// change (create or update), then the status that change leads to, then superseded caches
/// deleted. Every step is idempotent and every write carries the resourceVersion it was planned
/// on, so a crash between any two steps, or a second replica doing the same, leaves state the
/// next pass completes: creates are found again by ClientToken and by the owner-uid tag.
/// </summary>
public sealed partial class ObjectReconciliation(
    ImageCacheStore store,
    EciCaches caches,
    ImagePullSecretResolver secrets,
    ImageCacheEventRecorder events,
    IOptions<EciCacheOptions> eciOptions,
    TimeProvider time,
    IReconcileStepHook hook,
    ILogger<ImageCacheReconciler> logger,
    RegistryImageSizes sizes)
{
    private readonly EciCacheOptions options = eciOptions.Value;
    private readonly ReconcileSettings settings = eciOptions.Value.ToReconcileSettings();

    /// <summary>
    /// Runs the steps for <paramref name="cache"/> given the ECI caches it owns, through the
    /// store's read-modify-write loop: on a resourceVersion conflict (someone else wrote the
    /// object) both sides are read afresh and planned again.
    /// </summary>
    internal Task<ObjectReconcileResult> RunAsync(ImageCache cache, IReadOnlyList<ObservedCache> owned, PassTally tally, CancellationToken cancellationToken)
    {
        var name = cache.Metadata.Name;
        return store.RetryOnConflictAsync(
            name,
            cache,
            async (current, attempt, ct) =>
            {
                var observed = attempt == 1 ? owned : await caches.OwnedByAsync(current, tally, ct).ConfigureAwait(false);
                return await RunOnceAsync(current, observed, tally, ct).ConfigureAwait(false);
            },
            _ => new ObjectReconcileResult(name, ObjectReconcileOutcome.NotFound),
            cancellationToken);
    }

    private async Task<ObjectReconcileResult> RunOnceAsync(ImageCache cache, IReadOnlyList<ObservedCache> owned, PassTally tally, CancellationToken cancellationToken)
    {
        var name = cache.Metadata.Name;
        if (cache.IsBeingDeleted)
        {
            return await FinalizeAsync(cache, owned, tally, cancellationToken).ConfigureAwait(false);
        }

        if (!cache.HasFinalizer(ImageCacheResource.Finalizer))
        {
            // Before any ECI cache exists, so deleting the object can never leave one behind.
            await hook.BeforeAsync(ReconcileStep.AddFinalizer, name, cancellationToken).ConfigureAwait(false);
            var withFinalizer = await store.AddFinalizerAsync(name, ImageCacheResource.Finalizer, cancellationToken).ConfigureAwait(false);
            tally.KubernetesWrite();
            if (withFinalizer is null)
            {
                return new ObjectReconcileResult(name, ObjectReconcileOutcome.NotFound);
            }

            if (withFinalizer.Metadata.Uid != cache.Metadata.Uid)
            {
                owned = await caches.OwnedByAsync(withFinalizer, tally, cancellationToken).ConfigureAwait(false);
            }

            cache = withFinalizer;
            if (cache.IsBeingDeleted)
            {
                return await FinalizeAsync(cache, owned, tally, cancellationToken).ConfigureAwait(false);
            }
        }

        // The repository index labels, so that a push finds this object by label selector
        // (kubectl-created objects and spec edits get them here; a no-op when they are right).
        if (RepositoryIndexLabels.Changes(cache).Count > 0)
        {
            await hook.BeforeAsync(ReconcileStep.IndexLabels, name, cancellationToken).ConfigureAwait(false);
            var indexed = await store.EnsureRepositoryIndexAsync(cache, cancellationToken).ConfigureAwait(false);
            tally.KubernetesWrite();
            if (indexed is null)
            {
                return new ObjectReconcileResult(name, ObjectReconcileOutcome.NotFound);
            }

            cache = indexed;
        }

        // The object may be newer than the ECI snapshot (another replica created its cache since):
        // a cache its status names is looked up by id before it is ever called missing.
        if (await caches.ConfirmRecordedAsync(cache, owned, tally, cancellationToken).ConfigureAwait(false) is { } recorded)
        {
            owned = [.. owned, recorded];
        }

        var now = time.GetUtcNow();
        var plan = ReconcilePlanner.Plan(cache, owned, now, settings);
        var step = new StepResult(plan.Status, ObjectReconcileOutcome.Unchanged, null);
        var written = new WriteTracker();

        if (plan.Create is not null && plan.Status.Phase == ImageCachePhase.Missing && cache.Status?.Phase != ImageCachePhase.Missing)
        {
            // Report the vanished cache durably before replacing it.
            cache = await WriteStatusAsync(cache, plan.Status, written, tally, cancellationToken).ConfigureAwait(false);
        }

        var replaced = new List<string>();
        if (plan.Create is { } create)
        {
            step = await CreateAsync(cache, plan.Status, create, now, tally, cancellationToken).ConfigureAwait(false);
            if (step.Outcome == ObjectReconcileOutcome.Created && create.Replaces is { } old && owned.Any(c => c.ImageCacheId == old))
            {
                replaced.Add(old);
            }
        }
        else if (plan.Update is { } update)
        {
            step = await UpdateAsync(cache, plan.Status, update, now, tally, cancellationToken).ConfigureAwait(false);
        }

        cache = await WriteStatusAsync(cache, step.Status, written, tally, cancellationToken).ConfigureAwait(false);

        var deleted = 0;
        foreach (var id in plan.Superseded.Select(c => c.ImageCacheId).Concat(replaced).Distinct(StringComparer.Ordinal))
        {
            if (id == cache.Status?.ImageCacheId)
            {
                continue;
            }

            await hook.BeforeAsync(ReconcileStep.DeleteSupersededCache, name, cancellationToken).ConfigureAwait(false);
            if (await caches.DeleteAsync(cache.Metadata.Uid, id, tally, cancellationToken).ConfigureAwait(false))
            {
                deleted++;
                LogSupersededDeleted(logger, name, id, cache.Status?.ImageCacheId);
            }
        }

        var outcome = step.Outcome == ObjectReconcileOutcome.Unchanged && written.Any ? ObjectReconcileOutcome.StatusChanged : step.Outcome;
        return new ObjectReconcileResult(name, outcome, cache.Status?.Phase, cache.Status?.ImageCacheId, written.Any, deleted, step.Message);
    }

    private async Task<StepResult> CreateAsync(ImageCache cache, ImageCacheStatus observed, PlannedCreate create, DateTimeOffset now, PassTally tally, CancellationToken cancellationToken)
    {
        if (ImageCacheLimits.Check(cache.Spec) is { } overLimits)
        {
            return new StepResult(ReconcilePlanner.Blocked(cache, observed, overLimits, now), ObjectReconcileOutcome.Blocked, overLimits.Message);
        }

        var (working, credentials, blocker) = await ResolveCredentialsAsync(cache, observed, now, cancellationToken).ConfigureAwait(false);
        if (blocker is not null)
        {
            return new StepResult(ReconcilePlanner.Blocked(cache, working, blocker, now), ObjectReconcileOutcome.Blocked, blocker.Message);
        }

        int? sizeGiB = null;
        if (options.Sizing.Enabled)
        {
            var decision = await MeasureAsync(cache, create, credentials, working, now, cancellationToken).ConfigureAwait(false);
            var refusal = decision.Verdict switch
            {
                CacheSizeVerdict.TooSmall => $"the images take {Mib(working.MeasuredImageSize)} MiB compressed, more than spec.imageCacheSize {decision.SizeGiB} GiB holds; ECI would fail the cache",
                CacheSizeVerdict.BelowPolicy => $"the images take {Mib(working.MeasuredImageSize)} MiB compressed; spec.imageCacheSize {decision.SizeGiB} GiB is below the {decision.RecommendedGiB} GiB the sizing policy requires (Eci:Sizing:RefuseBelowPolicy)",
                _ => null,
            };
            if (refusal is not null)
            {
                var tooSmall = new ReconcileBlocker(ImageCacheConditions.CacheTooSmallReason,
                    $"{refusal}. Give it at least {decision.RecommendedGiB} GiB, or leave imageCacheSize unset to have it sized");
                return new StepResult(ReconcilePlanner.Blocked(cache, working, tooSmall, now), ObjectReconcileOutcome.Blocked, tooSmall.Message);
            }

            sizeGiB = decision.SizeGiB;
        }

        await hook.BeforeAsync(ReconcileStep.CreateCache, cache.Metadata.Name, cancellationToken).ConfigureAwait(false);
        string imageCacheId;
        try
        {
            var request = EciCacheRequests.Create(cache, create, credentials, options, sizeGiB);
            imageCacheId = (await caches.CreateAsync(request, tally, cancellationToken).ConfigureAwait(false)).ImageCacheId;
        }
        catch (EciException ex) when (ex.Kind is EciErrorKind.InvalidRequest or EciErrorKind.IncorrectStatus or EciErrorKind.NotFound)
        {
            var refused = new ReconcileBlocker(ImageCacheEventReasons.CreateFailed, $"ECI refused CreateImageCache: {ex.Code}: {ex.ServerMessage}");
            return new StepResult(ReconcilePlanner.Blocked(cache, working, refused, now), ObjectReconcileOutcome.Blocked, refused.Message);
        }
        catch (EciException ex) when (ex.Kind == EciErrorKind.Transient)
        {
            // The same ClientToken next pass finds the cache if ECI made it after all.
            return new StepResult(observed, ObjectReconcileOutcome.Error, ex.Message);
        }

        LogCreated(logger, cache.Metadata.Name, imageCacheId, create.Replaces);
        return new StepResult(ReconcilePlanner.Created(cache, working, imageCacheId, create.Settings, now), ObjectReconcileOutcome.Created, null);
    }

    private async Task<StepResult> UpdateAsync(ImageCache cache, ImageCacheStatus observed, PlannedUpdate update, DateTimeOffset now, PassTally tally, CancellationToken cancellationToken)
    {
        if (ImageCacheLimits.Check(cache.Spec) is { } overLimits)
        {
            return new StepResult(ReconcilePlanner.Blocked(cache, observed, overLimits, now), ObjectReconcileOutcome.Blocked, overLimits.Message);
        }

        var (working, credentials, blocker) = await ResolveCredentialsAsync(cache, observed, now, cancellationToken).ConfigureAwait(false);
        if (blocker is not null)
        {
            return new StepResult(ReconcilePlanner.Blocked(cache, working, blocker, now), ObjectReconcileOutcome.Blocked, blocker.Message);
        }

        await hook.BeforeAsync(ReconcileStep.UpdateCache, cache.Metadata.Name, cancellationToken).ConfigureAwait(false);
        try
        {
            await caches.UpdateAsync(EciCacheRequests.Update(cache, update, credentials), tally, cancellationToken).ConfigureAwait(false);
        }
        catch (EciException ex) when (ex.Kind is not (EciErrorKind.Transient or EciErrorKind.Credentials))
        {
            // Described afresh, the cache is gone or no longer Ready/UpdateFailed (ECI moved on since
            // the pass described it): the refresh stays pending for the next pass. Decided by what
            // ECI lists, never by the error code's spelling.
            if (await MovedOnAsync(update.ImageCacheId, tally, cancellationToken).ConfigureAwait(false))
            {
                LogUpdateDeferred(logger, cache.Metadata.Name, update.ImageCacheId, ex.Code);
                return new StepResult(observed, ObjectReconcileOutcome.Unchanged, null);
            }

            var refused = new ReconcileBlocker(ImageCacheConditions.RejectedUpdateReason, $"ECI refused UpdateImageCache of {update.ImageCacheId}: {ex.Code}: {ex.ServerMessage}");
            return new StepResult(ReconcilePlanner.Blocked(cache, working, refused, now), ObjectReconcileOutcome.Blocked, refused.Message);
        }
        catch (EciException ex)
        {
            return new StepResult(observed, ObjectReconcileOutcome.Error, ex.Message);
        }

        LogUpdated(logger, cache.Metadata.Name, update.ImageCacheId);
        return new StepResult(ReconcilePlanner.Updated(cache, working, update.Settings, now), ObjectReconcileOutcome.Updated, null);
    }

    /// <summary>
    /// Reads the images' manifests from their registries and decides the size by policy; records
    /// the measured size and the ImagesMeasured condition in <paramref name="working"/>. An
    /// unreachable registry is a warning: the create goes on with the spec's size.
    /// </summary>
    private async Task<CacheSizeDecision> MeasureAsync(ImageCache cache, PlannedCreate create, IReadOnlyList<RegistryCredential> credentials, ImageCacheStatus working, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var plainHttp = CacheSettings.Split(create.Settings.PlainHttpRegistry).ToList();
        var measured = await sizes.MeasureAsync(EciCacheRequests.Images(cache.Spec), credentials, create.Settings.Platform, plainHttp, cancellationToken).ConfigureAwait(false);
        var decision = options.Sizing.ToPolicy().Decide(measured.Bytes, cache.Spec.ImageCacheSize);
        working.MeasuredImageSize = measured.Bytes;
        var generation = ReconcilePlanner.Generation(cache);
        var (ok, reason, message) = decision.Verdict switch
        {
            CacheSizeVerdict.Unmeasured => (false, "RegistryUnreachable", $"the images could not be measured ({measured.Problem}); the cache is created with {decision.SizeGiB} GiB"),
            CacheSizeVerdict.SizedByPolicy => (true, "SizedByPolicy", $"the images take {Mib(measured.Bytes)} MiB compressed ({create.Settings.Platform}); the cache gets {decision.SizeGiB} GiB ({options.Sizing.Factor:0.##}x, at least {options.Sizing.MinimumGiB} GiB)"),
            CacheSizeVerdict.Tight => (false, "CacheSmallerThanPolicy", $"the images take {Mib(measured.Bytes)} MiB compressed; spec.imageCacheSize {decision.SizeGiB} GiB holds them but the policy recommends {decision.RecommendedGiB} GiB"),
            CacheSizeVerdict.BelowPolicy => (false, "CacheSmallerThanPolicy", $"the images take {Mib(measured.Bytes)} MiB compressed; spec.imageCacheSize {decision.SizeGiB} GiB is below the policy's {decision.RecommendedGiB} GiB, so the cache is not created"),
            CacheSizeVerdict.TooSmall => (false, ImageCacheConditions.CacheTooSmallReason, $"the images take {Mib(measured.Bytes)} MiB compressed, more than spec.imageCacheSize {decision.SizeGiB} GiB"),
            _ => (true, "Enough", $"the images take {Mib(measured.Bytes)} MiB compressed; spec.imageCacheSize {decision.SizeGiB} GiB is enough"),
        };
        ImageCacheConditions.Set(working, ImageCacheConditionTypes.ImagesMeasured, ok, reason, message, generation, now);
        LogMeasured(logger, cache.Metadata.Name, measured.Bytes, decision.SizeGiB, reason);
        return decision;
    }

    private static long Mib(long? bytes) => ((bytes ?? 0) + (1 << 20) - 1) >> 20;

    /// <summary>True when ECI no longer lists the cache, or lists it in a status that does not allow an update.</summary>
    private async Task<bool> MovedOnAsync(string imageCacheId, PassTally tally, CancellationToken cancellationToken)
    {
        var now = await caches.FindAsync(imageCacheId, tally, cancellationToken).ConfigureAwait(false);
        return now is null || !ImageCachePhase.AllowsUpdate(now.Status);
    }

    /// <summary>Credentials for the object's images, the CredentialsResolved condition, and what (if anything) blocks the call.</summary>
    private async Task<(ImageCacheStatus Working, IReadOnlyList<RegistryCredential> Credentials, ReconcileBlocker? Blocker)> ResolveCredentialsAsync(
        ImageCache cache, ImageCacheStatus observed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await hook.BeforeAsync(ReconcileStep.ResolveCredentials, cache.Metadata.Name, cancellationToken).ConfigureAwait(false);
        var resolution = await secrets.ResolveAsync(cache.Spec, cancellationToken).ConfigureAwait(false);
        var working = StatusJson.Clone(observed)!;
        CredentialsOutcome.SetCondition(working, resolution, ReconcilePlanner.Generation(cache), now);

        return (working, resolution.Credentials, CredentialsOutcome.Blocker(resolution));
    }

    private async Task<ObjectReconcileResult> FinalizeAsync(ImageCache cache, IReadOnlyList<ObservedCache> owned, PassTally tally, CancellationToken cancellationToken)
    {
        var name = cache.Metadata.Name;
        if (!cache.HasFinalizer(ImageCacheResource.Finalizer))
        {
            // Not ours (or already released): the API server finishes the deletion.
            return new ObjectReconcileResult(name, ObjectReconcileOutcome.Unchanged, cache.Status?.Phase, cache.Status?.ImageCacheId);
        }

        var ids = ReconcilePlanner.CachesToDelete(cache, owned);
        var deleted = new List<string>();
        foreach (var id in ids)
        {
            await hook.BeforeAsync(ReconcileStep.DeleteCache, name, cancellationToken).ConfigureAwait(false);
            try
            {
                if (await caches.DeleteAsync(cache.Metadata.Uid, id, tally, cancellationToken).ConfigureAwait(false))
                {
                    deleted.Add(id);
                }
            }
            catch (EciException ex)
            {
                // ECI still lists the cache (or could not be asked): never release the finalizer on a guess.
                var message = $"DeleteImageCache of {id} failed ({ex.Code}: {ex.ServerMessage}); the object keeps its finalizer and the next pass tries again";
                if (await events.WarningAsync(cache, ImageCacheEventReasons.DeleteFailed, message, cancellationToken).ConfigureAwait(false) is not null)
                {
                    tally.KubernetesWrite();
                }

                LogDeleteKept(logger, name, id, ex.Code);
                return new ObjectReconcileResult(name, ObjectReconcileOutcome.Error, ImageCachePhase.Deleting, cache.Status?.ImageCacheId, false, deleted.Count, message);
            }
        }

        if (deleted.Count > 0)
        {
            await hook.BeforeAsync(ReconcileStep.RecordEvents, name, cancellationToken).ConfigureAwait(false);
            if (await events.NormalAsync(cache, ImageCacheEventReasons.Deleted, $"Deleted ECI image cache {string.Join(", ", deleted)}; pods already created from it are not affected", cancellationToken).ConfigureAwait(false) is not null)
            {
                tally.KubernetesWrite();
            }
        }

        await hook.BeforeAsync(ReconcileStep.RemoveFinalizer, name, cancellationToken).ConfigureAwait(false);
        await store.RemoveFinalizerAsync(name, ImageCacheResource.Finalizer, cancellationToken).ConfigureAwait(false);
        tally.KubernetesWrite();
        LogFinalized(logger, name, deleted.Count);
        return new ObjectReconcileResult(name, ObjectReconcileOutcome.Finalized, ImageCachePhase.Deleting, cache.Status?.ImageCacheId, false, deleted.Count);
    }

    /// <summary>Writes <paramref name="desired"/> if it differs (resourceVersion precondition), then records the Events the change deserves.</summary>
    private async Task<ImageCache> WriteStatusAsync(ImageCache cache, ImageCacheStatus desired, WriteTracker written, PassTally tally, CancellationToken cancellationToken)
    {
        if (StatusJson.Same(cache.Status, desired))
        {
            return cache;
        }

        var name = cache.Metadata.Name;
        await hook.BeforeAsync(ReconcileStep.WriteStatus, name, cancellationToken).ConfigureAwait(false);
        var update = cache.DeepClone();
        update.Status = desired;
        var stored = await store.ReplaceStatusAsync(update, cancellationToken).ConfigureAwait(false);
        tally.KubernetesWrite();
        written.Any = true;

        ReconcileMetrics.StatusWritten(cache.Status, desired);
        var toRecord = ReconcileEvents.Between(cache.Status, desired);
        if (toRecord.Count > 0)
        {
            await hook.BeforeAsync(ReconcileStep.RecordEvents, name, cancellationToken).ConfigureAwait(false);
            foreach (var e in toRecord)
            {
                if (await events.RecordAsync(stored, e.Type, e.Reason, e.Message, cancellationToken).ConfigureAwait(false) is not null)
                {
                    tally.KubernetesWrite();
                }
            }
        }

        return stored;
    }

    private sealed record StepResult(ImageCacheStatus Status, ObjectReconcileOutcome Outcome, string? Message);

    private sealed class WriteTracker
    {
        public bool Any { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "imagecache {Name}: created ECI image cache {ImageCacheId} (replacing {Replaces})")]
    private static partial void LogCreated(ILogger logger, string name, string imageCacheId, string? replaces);

    [LoggerMessage(Level = LogLevel.Information, Message = "imagecache {Name}: images measured at {Bytes} bytes; cache size {SizeGiB} GiB ({Reason})")]
    private static partial void LogMeasured(ILogger logger, string name, long? bytes, int sizeGiB, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "imagecache {Name}: ECI accepted the update of {ImageCacheId}")]
    private static partial void LogUpdated(ILogger logger, string name, string imageCacheId);

    [LoggerMessage(Level = LogLevel.Information, Message = "imagecache {Name}: update of {ImageCacheId} deferred ({Code}); it stays pending")]
    private static partial void LogUpdateDeferred(ILogger logger, string name, string imageCacheId, string code);

    [LoggerMessage(Level = LogLevel.Information, Message = "imagecache {Name}: deleted superseded ECI image cache {ImageCacheId} (current: {Current})")]
    private static partial void LogSupersededDeleted(ILogger logger, string name, string imageCacheId, string? current);

    [LoggerMessage(Level = LogLevel.Warning, Message = "imagecache {Name}: DeleteImageCache of {ImageCacheId} failed ({Code}) and ECI still lists it; the finalizer stays")]
    private static partial void LogDeleteKept(ILogger logger, string name, string imageCacheId, string code);

    [LoggerMessage(Level = LogLevel.Information, Message = "imagecache {Name}: deleted {Count} ECI image cache(s) and released the finalizer")]
    private static partial void LogFinalized(ILogger logger, string name, int count);
}
