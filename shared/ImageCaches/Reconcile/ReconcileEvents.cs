using System.Globalization;
using ImageCacheFunctions.ImageCaches.Resources;

namespace ImageCacheFunctions.ImageCaches.Reconcile;

/// <summary>
/// The Kubernetes Events a status change deserves, derived from the change itself (before →
/// after) rather than from the calls made: a pass that repairs a crash reports the same events
/// as the pass that crashed would have, and a pass that changes nothing reports nothing.
/// </summary>
public static class ReconcileEvents
{
    public static IReadOnlyList<ReconcileEvent> Between(ImageCacheStatus? before, ImageCacheStatus after)
    {
        ArgumentNullException.ThrowIfNull(after);
        var events = new List<ReconcileEvent>();
        var oldId = before?.ImageCacheId;
        var newId = after.ImageCacheId;
        var sameCache = string.Equals(oldId, newId, StringComparison.Ordinal);

        if (newId is not null && !sameCache)
        {
            events.Add(oldId is null
                ? Normal(ImageCacheEventReasons.Created, $"Created ECI image cache {newId}")
                : Normal(ImageCacheEventReasons.Recreated, $"Created ECI image cache {newId} in place of {oldId}"));
        }
        else if (sameCache && newId is not null && WasUpdated(before!, after))
        {
            var what = after.ObservedGeneration is { } g ? string.Create(CultureInfo.InvariantCulture, $"generation {g}") : "the spec";
            var refreshed = before!.PendingRefresh is { } refresh && after.PendingRefresh is null
                ? $" and the refresh of {string.Join(", ", (refresh.Images ?? []).Select(i => i.Image).Distinct(StringComparer.Ordinal))}"
                : "";
            events.Add(Normal(ImageCacheEventReasons.Updated, $"ECI accepted the update of image cache {newId} to {what}{refreshed}"));
        }

        if (!string.Equals(before?.Phase, after.Phase, StringComparison.Ordinal))
        {
            switch (after.Phase)
            {
                case ImageCachePhase.Ready:
                    events.Add(Normal(ImageCacheEventReasons.Ready, $"ECI image cache {newId} is Ready"));
                    break;
                case ImageCachePhase.Failed:
                    events.Add(Warning(ImageCacheEventReasons.Failed, $"ECI image cache {newId} failed: {ImageCacheConditions.FailureReason(after)}"));
                    break;
                case ImageCachePhase.UpdateFailed:
                    events.Add(Warning(ImageCacheEventReasons.UpdateFailed, $"The update of ECI image cache {newId} failed: {ImageCacheConditions.FailureReason(after)}"));
                    break;
                case ImageCachePhase.Missing when ImageCacheConditions.Find(after, ImageCacheConditionTypes.Ready)?.Reason == ImageCacheConditions.ExpiredReason:
                    events.Add(Normal(ImageCacheConditions.ExpiredReason, ImageCacheConditions.Find(after, ImageCacheConditionTypes.Ready)!.Message));
                    break;
                case ImageCachePhase.Missing:
                    events.Add(Warning(ImageCacheEventReasons.Missing, $"ECI image cache {newId} no longer exists in ECI (deleted outside ImageCache Functions?)"));
                    break;
            }
        }

        var readyBefore = ImageCacheConditions.Find(before, ImageCacheConditionTypes.Ready);
        var readyAfter = ImageCacheConditions.Find(after, ImageCacheConditionTypes.Ready);
        if (readyAfter is { Status: ImageCacheConditions.False }
            && ImageCacheConditions.IsProblemReason(readyAfter.Reason)
            && (readyBefore is null || readyBefore.Reason != readyAfter.Reason || readyBefore.Message != readyAfter.Message))
        {
            var reason = readyAfter.Reason == ImageCacheConditions.RejectedUpdateReason ? ImageCacheEventReasons.UpdateFailed : readyAfter.Reason!;
            events.Add(Warning(reason, readyAfter.Message));
        }

        return events;
    }

    private static bool WasUpdated(ImageCacheStatus before, ImageCacheStatus after) =>
        (before.ObservedGeneration is not null && (after.ObservedGeneration ?? 0) > before.ObservedGeneration)
        || (before.PendingRefresh is not null && after.PendingRefresh is null);

    private static ReconcileEvent Normal(string reason, string message) => new(KubernetesEventTypes.Normal, reason, message);

    private static ReconcileEvent Warning(string reason, string message) => new(KubernetesEventTypes.Warning, reason, message);
}

/// <summary>A Kubernetes Event to record on the object (type Normal/Warning, reason from ImageCacheEventReasons).</summary>
public sealed record ReconcileEvent(string Type, string Reason, string Message);
