using ImageCacheFunctions.ImageCaches.Resources;
using k8s.Models;

namespace ImageCacheFunctions.ImageCaches.Reconcile;

/// <summary>
/// Sets status.conditions (metav1.Condition). lastTransitionTime moves only when the condition's
/// status flips, and messages carry nothing that changes on its own (no progress, no times), so
/// an unchanged cache yields an unchanged condition and nothing to write.
/// </summary>
public static class ImageCacheConditions
{
    public const string True = "True";
    public const string False = "False";

    /// <summary>The condition of <paramref name="type"/>, or null.</summary>
    public static V1Condition? Find(ImageCacheStatus? status, string type) =>
        status?.Conditions?.FirstOrDefault(c => string.Equals(c.Type, type, StringComparison.Ordinal));

    /// <summary>Sets one condition (adds it, or changes it in place).</summary>
    public static void Set(ImageCacheStatus status, string type, bool value, string reason, string message, long generation, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(status);
        var text = value ? True : False;
        var existing = Find(status, type);
        if (existing is null)
        {
            status.Conditions ??= new List<V1Condition>();
            status.Conditions.Add(new V1Condition
            {
                Type = type,
                Status = text,
                Reason = reason,
                Message = message,
                ObservedGeneration = generation,
                LastTransitionTime = KubernetesTime.Truncate(now).UtcDateTime,
            });
            return;
        }

        if (!string.Equals(existing.Status, text, StringComparison.Ordinal))
        {
            existing.LastTransitionTime = KubernetesTime.Truncate(now).UtcDateTime;
        }

        existing.Status = text;
        existing.Reason = reason;
        existing.Message = message;
        existing.ObservedGeneration = generation;
    }

    /// <summary>Removes one condition if present.</summary>
    public static void Remove(ImageCacheStatus status, string type)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (status.Conditions is null)
        {
            return;
        }

        foreach (var condition in status.Conditions.Where(c => string.Equals(c.Type, type, StringComparison.Ordinal)).ToList())
        {
            status.Conditions.Remove(condition);
        }

        if (status.Conditions.Count == 0)
        {
            status.Conditions = null;
        }
    }

    /// <summary>
    /// The Ready condition: True only for a Ready cache that holds the current generation with no
    /// refresh waiting. <paramref name="blocker"/> is what stopped this pass from acting (a
    /// credentials problem, a rejected create or update); it explains more than the phase.
    /// </summary>
    public static void SetReady(ImageCacheStatus status, long generation, DateTimeOffset now, ReconcileBlocker? blocker = null)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (blocker is not null)
        {
            Set(status, ImageCacheConditionTypes.Ready, false, blocker.Reason, blocker.Message, generation, now);
            return;
        }

        var id = status.ImageCacheId ?? "(none)";
        var upToDate = (status.ObservedGeneration ?? 0) >= generation && status.PendingRefresh is null;
        (bool value, string reason, string message) = status.Phase switch
        {
            ImageCachePhase.Ready when upToDate => (true, ImageCacheEventReasons.Ready, $"ECI image cache {id} is Ready"),
            ImageCachePhase.Ready => (false, ImageCacheEventReasons.RefreshRequested, $"ECI image cache {id} is Ready; generation {generation} or a refresh waits to be applied"),
            ImageCachePhase.Preparing or ImageCachePhase.Creating => (false, "Creating", $"ECI image cache {id} is {status.Phase}"),
            ImageCachePhase.Updating => (false, "Updating", $"ECI image cache {id} is Updating"),
            ImageCachePhase.Failed => (false, ImageCacheEventReasons.Failed, $"ECI image cache {id} failed: {FailureReason(status)}"),
            ImageCachePhase.UpdateFailed => (false, ImageCacheEventReasons.UpdateFailed, $"the last update of ECI image cache {id} failed: {FailureReason(status)}"),
            ImageCachePhase.Missing when status.ExpireDateTime is { } expiry && expiry <= now =>
                (false, ExpiredReason, $"ECI image cache {id} expired at {KubernetesTime.ToString(expiry)} (spec.retentionDays); prune-expired deletes the object"),
            ImageCachePhase.Missing => (false, ImageCacheEventReasons.Missing, $"ECI image cache {id} no longer exists"),
            _ => (false, ImageCachePhase.Pending, "no ECI image cache has been created yet"),
        };

        Set(status, ImageCacheConditionTypes.Ready, value, reason, message, generation, now);
    }

    /// <summary>Ready's reason (and the Event's) when ECI removed a cache at the end of its retention.</summary>
    public const string ExpiredReason = "CacheExpired";

    /// <summary>Ready's reason when ECI refused UpdateImageCache (distinct from ECI's own UpdateFailed phase).</summary>
    public const string RejectedUpdateReason = "CacheUpdateRejected";

    /// <summary>Ready=False: an annotation's value is wrong (admission refuses it when installed); nothing is sent to ECI until it is fixed.</summary>
    public const string InvalidAnnotationReason = "InvalidAnnotation";

    /// <summary>Ready=False: the measured images do not fit spec.imageCacheSize; nothing is sent to ECI (it would fail the cache).</summary>
    public const string CacheTooSmallReason = "CacheTooSmall";

    /// <summary>Reasons under which Ready reports a problem that stopped reconcile from acting.</summary>
    public static bool IsProblemReason(string? reason) =>
        reason is ImageCacheEventReasons.CreateFailed or ImageCacheEventReasons.CredentialsProblem or ImageCacheEventReasons.InvalidSpec or RejectedUpdateReason or InvalidAnnotationReason or CacheTooSmallReason;

    /// <summary>ECI's reason for a failure, as copied into status.events: the last Warning event's message.</summary>
    public static string FailureReason(ImageCacheStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var warning = (status.Events ?? [])
            .Where(e => string.Equals(e.Type, KubernetesEventTypes.Warning, StringComparison.OrdinalIgnoreCase))
            .OrderBy(e => e.LastTimestamp ?? e.FirstTimestamp ?? DateTime.MinValue)
            .LastOrDefault();
        return warning?.Message ?? warning?.Reason ?? "ECI gave no reason";
    }
}
