using ImageCacheFunctions.ImageCaches.Resources;
using ImageCacheFunctions.ImageCaches.Settings;

namespace ImageCacheFunctions.ImageCaches.Reconcile;

/// <summary>
/// Decides, from one ImageCache object and the ECI caches that belong to it, what a reconcile
/// pass does: the status that mirrors ECI, and whether to create or update a cache. Pure: the
/// same inputs give the same plan, which is what makes a repeated (or concurrent) pass harmless.
/// </summary>
public static class ReconcilePlanner
{
    /// <summary>
    /// Plans one object that is not being deleted. <paramref name="owned"/> are the ECI caches
    /// tagged with the object's uid (or recorded in its status). The newest of them is the
    /// current one; the others are leftovers of a replacement (or of a race) and are superseded.
    /// </summary>
    public static ReconcilePlan Plan(ImageCache cache, IReadOnlyCollection<ObservedCache> owned, DateTimeOffset now, ReconcileSettings settings)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(owned);
        ArgumentNullException.ThrowIfNull(settings);

        var uid = cache.Metadata?.Uid ?? throw new ArgumentException("The object has no metadata.uid.", nameof(cache));
        var generation = Generation(cache);
        var status = StatusJson.Clone(cache.Status) ?? new ImageCacheStatus();
        var recorded = status.ImageCacheId;
        var specChanged = generation > (status.ObservedGeneration ?? 0);
        var refreshPending = status.PendingRefresh is not null;

        var current = owned
            .OrderByDescending(c => c.CreationTime ?? DateTimeOffset.MinValue)
            .ThenByDescending(c => c.ImageCacheId, StringComparer.Ordinal)
            .FirstOrDefault();
        var superseded = owned.Where(c => !ReferenceEquals(c, current) && c.ImageCacheId != current?.ImageCacheId).ToList();

        // The parameters the annotations (and the configured defaults) ask for; a wrong annotation
        // blocks every ECI change until it is fixed (admission refuses it when installed).
        var reading = CacheSettingsReader.Read(cache.Metadata.Annotations, settings.Defaults ?? CacheSettingDefaults.None);
        var desired = reading.Settings;

        // Its Fingerprint (a hash, for the client tokens) is computed only where a call is planned:
        // a converged pass plans none for any object.

        PlannedCreate? create = null;
        PlannedUpdate? update = null;
        var name = EciCacheNames.For(cache.Metadata.Name);

        if (current is null)
        {
            if (recorded is null)
            {
                create = new PlannedCreate(ClientTokens.ForCreate(uid, generation, null, desired.Fingerprint()), name, null, desired);
            }
            else if (status.Phase == ImageCachePhase.Failed)
            {
                // ECI removes a failed cache after a day: that is the moment to try again.
                create = new PlannedCreate(ClientTokens.ForCreate(uid, generation, recorded, desired.Fingerprint()), name, recorded, desired);
            }
            else
            {
                status.Phase = ImageCachePhase.Missing;
                status.Progress = null;

                // A cache past its retention was removed by ECI on purpose: it is prune's to clean
                // up (the object goes too), not ours to bring back, unless the spec asks anew.
                var expired = status.ExpireDateTime is { } expiry && expiry <= now;
                if (specChanged || (!expired && settings.RecreatePolicy == RecreatePolicy.Recreate))
                {
                    create = new PlannedCreate(ClientTokens.ForCreate(uid, generation, recorded, desired.Fingerprint()), name, recorded, desired);
                }
            }
        }
        else
        {
            var adopting = !string.Equals(recorded, current.ImageCacheId, StringComparison.Ordinal);
            Mirror(status, current, now, settings.MaxStatusEvents);
            if (adopting)
            {
                // A cache this object owns but status does not name yet: made by a pass that
                // crashed (or lost a race) before writing status. It was built from the spec and
                // the images as they were when it was created; record what it already holds.
                if (status.PendingRefresh?.RequestedAt is { } requestedAt && current.CreationTime is { } created && created >= requestedAt)
                {
                    ConsumeRefresh(status, cache.Spec);
                    refreshPending = false;
                }

                if (!refreshPending && HoldsSpec(current, cache.Spec))
                {
                    status.ObservedGeneration = generation;
                    specChanged = false;
                }
            }

            if (current.Status == ImageCachePhase.Failed)
            {
                var expired = current.ExpireDateTime is { } expiry && expiry <= now;
                if (specChanged || refreshPending || expired)
                {
                    create = new PlannedCreate(ClientTokens.ForCreate(uid, generation, current.ImageCacheId, desired.Fingerprint()), name, current.ImageCacheId, desired);
                }
            }
            else if (reading.IsValid)
            {
                // A cache from before settings were recorded was built with what is asked now.
                status.Settings ??= desired;
                status.Platform ??= desired.Platform;
                var settingsChanged = status.Settings != desired;
                if (settingsChanged && desired.NeedsReplacementOf(status.Settings))
                {
                    // UpdateImageCache cannot change zone, registries' protocol, platform or ACR
                    // roles: a new cache replaces this one (created, switched to, the old deleted).
                    create = new PlannedCreate(ClientTokens.ForCreate(uid, generation, current.ImageCacheId, desired.Fingerprint()), name, current.ImageCacheId, desired);
                }
                else if (ImageCachePhase.AllowsUpdate(current.Status) && (specChanged || refreshPending || settingsChanged))
                {
                    update = new PlannedUpdate(current.ImageCacheId, ClientTokens.ForUpdate(uid, current.ImageCacheId, generation, status.PendingRefresh, desired.Fingerprint()), desired);
                }
            }
        }

        if (!reading.IsValid)
        {
            if (status.ImageCacheId is null)
            {
                status.Phase = ImageCachePhase.Pending;
            }

            ImageCacheConditions.SetReady(status, generation, now, new ReconcileBlocker(ImageCacheConditions.InvalidAnnotationReason, reading.Describe()));
            return new ReconcilePlan(status, current, superseded, null, null);
        }

        ImageCacheConditions.SetReady(status, generation, now);
        return new ReconcilePlan(status, current, superseded, create, update);
    }

    /// <summary>
    /// The status once ECI accepted CreateImageCache: the new id, phase Preparing (where every new
    /// cache starts) and startTime now, the generation observed and the pending refresh consumed
    /// (a new cache pulls the images as they are now). The next pass copies ECI's own view.
    /// </summary>
    public static ImageCacheStatus Created(ImageCache cache, ImageCacheStatus observed, string imageCacheId, CacheSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentException.ThrowIfNullOrEmpty(imageCacheId);

        ArgumentNullException.ThrowIfNull(settings);
        var status = StatusJson.Clone(observed)!;
        Record(status, settings);
        status.ImageCacheId = imageCacheId;
        status.Phase = ImageCachePhase.Preparing;
        status.FlashSnapshotId = null;
        status.Progress = null;
        status.StartTime = KubernetesTime.Truncate(now);
        status.ExpireDateTime = null;
        status.LastMatchedTime = null;
        status.Events = null;

        var generation = Generation(cache);
        status.ObservedGeneration = generation;
        ConsumeRefresh(status, cache.Spec);
        status.LastUpdatedTime = KubernetesTime.Truncate(now);
        ImageCacheConditions.SetReady(status, generation, now);
        return status;
    }

    /// <summary>The status once ECI accepted UpdateImageCache: generation observed, refresh consumed, phase Updating.</summary>
    public static ImageCacheStatus Updated(ImageCache cache, ImageCacheStatus observed, CacheSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(settings);

        var status = StatusJson.Clone(observed)!;
        Record(status, settings);
        var generation = Generation(cache);
        status.ObservedGeneration = generation;
        ConsumeRefresh(status, cache.Spec);
        status.Phase = ImageCachePhase.Updating;
        status.LastUpdatedTime = KubernetesTime.Truncate(now);
        ImageCacheConditions.SetReady(status, generation, now);
        return status;
    }

    /// <summary>The status when the pass could not act (credentials, ECI refused): the reason goes to Ready.</summary>
    public static ImageCacheStatus Blocked(ImageCache cache, ImageCacheStatus observed, ReconcileBlocker blocker, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(blocker);

        var status = StatusJson.Clone(observed)!;
        if (status.ImageCacheId is null)
        {
            status.Phase = ImageCachePhase.Pending;
        }

        ImageCacheConditions.SetReady(status, Generation(cache), now, blocker);
        return status;
    }

    /// <summary>The ECI caches to delete before the finalizer of an object being deleted is released.</summary>
    public static IReadOnlyList<string> CachesToDelete(ImageCache cache, IEnumerable<ObservedCache> owned)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(owned);
        var ids = owned.Select(c => c.ImageCacheId).ToList();
        if (cache.Status?.ImageCacheId is { Length: > 0 } recorded && !ids.Contains(recorded, StringComparer.Ordinal))
        {
            // Not listed (gone, or listing lags); deleting it again is harmless, leaving it is not.
            ids.Add(recorded);
        }

        return ids.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Records the settings a create or update was made with, and the platform they mean.</summary>
    private static void Record(ImageCacheStatus status, CacheSettings settings)
    {
        status.Settings = settings;
        status.Platform = settings.Platform;
        status.EliminationStrategy = settings.EliminationStrategy;
    }

    /// <summary>metadata.generation (1 when the server has not set it).</summary>
    public static long Generation(ImageCache cache) => cache?.Metadata?.Generation is { } g and > 0 ? g : 1;

    /// <summary>Copies ECI's view of <paramref name="cache"/> into <paramref name="status"/>; lastUpdatedTime moves only on a change.</summary>
    private static void Mirror(ImageCacheStatus status, ObservedCache cache, DateTimeOffset now, int maxEvents)
    {
        var sameCache = string.Equals(status.ImageCacheId, cache.ImageCacheId, StringComparison.Ordinal);
        var phase = string.IsNullOrEmpty(cache.Status) ? status.Phase : cache.Status;
        var startTime = Truncate(cache.CreationTime);
        var expireDateTime = Truncate(cache.ExpireDateTime);
        var lastMatchedTime = Truncate(cache.LastMatchedTime);
        var events = StatusEvents.Merge(sameCache ? status.Events : null, cache.Events, maxEvents, out var eventsChanged);
        var changed = !sameCache
            || eventsChanged
            || (sameCache && status.Events is { Count: > 0 } != events is { Count: > 0 })
            || !string.Equals(status.Phase, phase, StringComparison.Ordinal)
            || !string.Equals(status.Progress, cache.Progress, StringComparison.Ordinal)
            || status.StartTime != startTime
            || status.ExpireDateTime != expireDateTime
            || status.LastMatchedTime != lastMatchedTime
            || !string.Equals(status.FlashSnapshotId, cache.FlashSnapshotId, StringComparison.Ordinal)
            || !string.Equals(status.EliminationStrategy, cache.EliminationStrategy, StringComparison.Ordinal);

        status.ImageCacheId = cache.ImageCacheId;
        status.Phase = phase;
        if (phase == ImageCachePhase.Ready && status.LastRefresh is { ReadyAt: null, RequestedAt: { } requested } refresh)
        {
            refresh.ReadyAt = KubernetesTime.Truncate(now);
            refresh.PushToReadySeconds = (long)Math.Max(0, (refresh.ReadyAt.Value - requested).TotalSeconds);
        }

        status.Progress = cache.Progress;
        status.StartTime = startTime;
        status.ExpireDateTime = expireDateTime;
        status.LastMatchedTime = lastMatchedTime;
        status.FlashSnapshotId = cache.FlashSnapshotId;
        status.EliminationStrategy = cache.EliminationStrategy;
        status.Events = events;
        if (changed)
        {
            status.LastUpdatedTime = KubernetesTime.Truncate(now);
        }
    }

    /// <summary>
    /// Moves the digests of the pending refresh into status.images (for images still in the spec)
    /// and clears it; status.lastRefresh starts timing it (completed when ECI reports Ready).
    /// </summary>
    private static void ConsumeRefresh(ImageCacheStatus status, ImageCacheSpec spec)
    {
        if (status.PendingRefresh?.RequestedAt is { } requestedAt)
        {
            status.LastRefresh = new ImageCacheLastRefresh { RequestedAt = requestedAt };
        }

        var byImage = new Dictionary<string, ImageCacheImageStatus>(StringComparer.Ordinal);
        foreach (var known in status.Images ?? [])
        {
            byImage[known.Image] = known;
        }

        foreach (var pushed in status.PendingRefresh?.Images ?? [])
        {
            if (!string.IsNullOrEmpty(pushed.Digest))
            {
                byImage[pushed.Image] = new ImageCacheImageStatus { Image = pushed.Image, Digest = pushed.Digest, PushedAt = pushed.PushedAt ?? status.PendingRefresh!.RequestedAt };
            }
        }

        var images = spec.Images
            .Distinct(StringComparer.Ordinal)
            .Where(byImage.ContainsKey)
            .Select(i => byImage[i])
            .ToList();
        status.Images = images.Count == 0 ? null : images;
        status.PendingRefresh = null;
    }

    /// <summary>True when ECI's cache holds exactly the spec's images at the spec's size.</summary>
    private static bool HoldsSpec(ObservedCache cache, ImageCacheSpec spec) =>
        cache.Images.Order(StringComparer.Ordinal).SequenceEqual(spec.Images.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal), StringComparer.Ordinal)
        && (cache.ImageCacheSize is null || cache.ImageCacheSize == spec.EffectiveImageCacheSize);

    private static DateTimeOffset? Truncate(DateTimeOffset? value) => value is { } v ? KubernetesTime.Truncate(v) : null;
}
