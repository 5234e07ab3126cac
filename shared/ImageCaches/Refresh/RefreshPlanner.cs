using ImageCacheFunctions.ImageCaches.Reconcile;
using ImageCacheFunctions.ImageCaches.Resources;

namespace ImageCacheFunctions.ImageCaches.Refresh;

/// <summary>
/// Decides what pushes mean for one ImageCache, from what the object itself records (stateless:
/// any replica decides the same). Pure: no I/O, the same inputs give the same plan, so it can run
/// again on a fresh read after a resourceVersion conflict.
/// </summary>
/// <remarks>
/// Per spec image a push matches (same repository with aliases folded, same tag; no tag = latest):
/// <list type="bullet">
/// <item>pinned by digest in the spec → nothing (<see cref="RefreshDecisionKind.Pinned"/>);</item>
/// <item>with a digest: the pending refresh already has this image → nothing if the digest is the
/// same, else the pending digest is replaced (a newer push, or a roll-back); no pending entry →
/// nothing if status.images has this digest (a duplicate delivery or a re-push), else a refresh;</item>
/// <item>without a digest (Docker Hub, Quay): nothing if a refresh of this image is already pending
/// (it will pull the tag as it is then) or the pending refresh records this very delivery; else a
/// refresh. Once that refresh has been handed to ECI nothing records the push any more, so a
/// redelivery after that refreshes once again (Docker Hub does not redeliver; Quay does only
/// after a non-2xx answer).</item>
/// </list>
/// A push the registry dates before the pending or cached push of the image (both times known)
/// is <see cref="RefreshDecisionKind.OlderPush"/>: nothing. Several pushes are applied in order (by push time when known), so a burst within one delivery
/// ends in one pending refresh holding the last digest of each image.
/// </remarks>
public static class RefreshPlanner
{
    /// <summary>Reason recorded in the pending refresh.</summary>
    public const string PushReason = "push";

    /// <summary>Longest delivery id kept in the pending refresh (ids are short; this bounds a hostile one).</summary>
    public const int MaxDeliveryIdLength = 256;

    public static RefreshPlan Plan(ImageCache cache, IReadOnlyList<ImagePush> pushes, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(pushes);
        return Plan(cache.Spec, cache.Status, pushes, now);
    }

    public static RefreshPlan Plan(ImageCacheSpec? spec, ImageCacheStatus? status, IReadOnlyList<ImagePush> pushes, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(pushes);
        var images = SpecImage.Of(spec);
        if (images.Count == 0 || pushes.Count == 0)
        {
            return RefreshPlan.None;
        }

        var cached = new Dictionary<string, ImageCacheImageStatus>(StringComparer.Ordinal);
        foreach (var entry in status?.Images ?? [])
        {
            if (entry?.Image is { } image)
            {
                cached[image] = entry;
            }
        }

        var original = status?.PendingRefresh;
        var working = Clone(original);
        var changed = false;
        var decisions = new List<ImageRefreshDecision>();

        foreach (var push in Ordered(pushes))
        {
            foreach (var image in images.Where(i => i.IsPushedBy(push)))
            {
                var decision = Decide(image, push, cached, working);
                decisions.Add(decision);
                if (decision.RequestsRefresh)
                {
                    working = Merge(working, image.Text, push, now);
                    changed = true;
                }
            }
        }

        return new RefreshPlan(decisions, changed ? working : null);
    }

    private static ImageRefreshDecision Decide(SpecImage image, ImagePush push, Dictionary<string, ImageCacheImageStatus> cached, PendingRefresh? pending)
    {
        if (image.Reference.IsPinned)
        {
            return new(image.Text, push, RefreshDecisionKind.Pinned, $"{image.Text} is pinned by digest; a push to the tag does not change it");
        }

        var pendingEntry = pending?.Images?.FirstOrDefault(i => string.Equals(i?.Image, image.Text, StringComparison.Ordinal));
        var cachedEntry = cached.GetValueOrDefault(image.Text);

        // The registry's own push times order the pushes; a redelivery that arrives late never
        // replaces a newer digest. Without a time on either side, arrival order decides.
        if (push.PushedAt is { } pushedAt)
        {
            var newer = pendingEntry?.PushedAt is { } pendingAt && pendingAt > pushedAt
                ? (pendingEntry.Digest ?? "refresh", pendingAt, "pending")
                : pendingEntry is null && cachedEntry?.PushedAt is { } cachedAt && cachedAt > pushedAt && cachedEntry.Digest is { } cachedDigest
                    && !string.Equals(cachedDigest, push.Digest?.ToString(), StringComparison.Ordinal)
                    ? (cachedDigest, cachedAt, "cached")
                    : default((string Digest, DateTimeOffset At, string Where)?);
            if (newer is { } later)
            {
                return new(image.Text, push, RefreshDecisionKind.OlderPush, $"{image.Text} was pushed at {KubernetesTime.ToString(pushedAt)}, before the {later.Where} {later.Digest} (pushed at {KubernetesTime.ToString(later.At)})");
            }
        }

        if (push.Digest is { } digest)
        {
            var pushed = digest.ToString();
            if (pendingEntry is not null)
            {
                return string.Equals(pendingEntry.Digest, pushed, StringComparison.Ordinal)
                    ? new(image.Text, push, RefreshDecisionKind.AlreadyPending, $"a refresh of {image.Text} to {pushed} is already pending")
                    : new(image.Text, push, RefreshDecisionKind.Refresh, $"{pushed} replaces the pending {pendingEntry.Digest ?? "refresh"} of {image.Text}");
            }

            var current = cachedEntry?.Digest;
            if (string.Equals(current, pushed, StringComparison.Ordinal))
            {
                return new(image.Text, push, RefreshDecisionKind.AlreadyCached, $"{image.Text} is already cached at {pushed}");
            }

            return new(image.Text, push, RefreshDecisionKind.Refresh, current is null
                ? $"{image.Text} was pushed as {pushed}; the cached digest is not known"
                : $"{image.Text} was pushed as {pushed}; the cache holds {current}");
        }

        if (pendingEntry is not null)
        {
            return new(image.Text, push, RefreshDecisionKind.AlreadyPending, $"a refresh of {image.Text} is already pending; it pulls the tag as it is then");
        }

        if (push.DeliveryId is { Length: > 0 } id && string.Equals(pending?.DeliveryId, Bounded(id), StringComparison.Ordinal))
        {
            return new(image.Text, push, RefreshDecisionKind.SameDelivery, $"delivery {Bounded(id)} is already recorded");
        }

        return new(image.Text, push, RefreshDecisionKind.Refresh, $"{image.Text} was pushed; the sender names no digest");
    }

    private static PendingRefresh Merge(PendingRefresh? pending, string image, ImagePush push, DateTimeOffset now)
    {
        var merged = pending ?? new PendingRefresh { RequestedAt = KubernetesTime.Truncate(now), Reason = PushReason };
        merged.RequestedAt ??= KubernetesTime.Truncate(now);
        merged.Reason ??= PushReason;
        if (push.DeliveryId is { Length: > 0 } id)
        {
            merged.DeliveryId = Bounded(id);
        }

        var list = merged.Images?.Where(i => i is not null && !string.Equals(i.Image, image, StringComparison.Ordinal)).ToList() ?? [];
        list.Add(new PendingRefreshImage { Image = image, Digest = push.Digest?.ToString(), PushedAt = push.PushedAt is { } at ? KubernetesTime.Truncate(at) : null });
        merged.Images = list;
        return merged;
    }

    // Stable order: by push time where both are known, otherwise as delivered.
    private static IEnumerable<ImagePush> Ordered(IReadOnlyList<ImagePush> pushes) =>
        pushes.Select((push, index) => (push, index))
            .OrderBy(p => p.push.PushedAt ?? DateTimeOffset.MinValue)
            .ThenBy(p => p.index)
            .Select(p => p.push);

    private static PendingRefresh? Clone(PendingRefresh? pending) =>
        pending is null ? null : StatusJson.Clone(new ImageCacheStatus { PendingRefresh = pending })!.PendingRefresh;

    private static string Bounded(string id) => id.Length <= MaxDeliveryIdLength ? id : id[..MaxDeliveryIdLength];
}
