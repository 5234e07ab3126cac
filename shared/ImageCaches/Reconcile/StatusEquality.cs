using ImageCacheFunctions.ImageCaches.Resources;

namespace ImageCacheFunctions.ImageCaches.Reconcile;

/// <summary>
/// Proves two statuses equal field by field, without serialising them: a converged pass compares
/// every object's status with its planned copy, and that is the common answer. True only when
/// every field the wire format carries is equal (so they would be written the same); false means
/// "not proven", and <see cref="StatusJson.Same"/> then decides through the wire format (times
/// that differ below a second, fields in another order, extension data).
/// </summary>
public static class StatusEquality
{
    public static bool Proven(ImageCacheStatus left, ImageCacheStatus right) =>
        left.Phase == right.Phase
        && left.Progress == right.Progress
        && left.ImageCacheId == right.ImageCacheId
        && left.StartTime == right.StartTime
        && left.LastUpdatedTime == right.LastUpdatedTime
        && left.ExpireDateTime == right.ExpireDateTime
        && left.ObservedGeneration == right.ObservedGeneration
        && left.LastMatchedTime == right.LastMatchedTime
        && left.MeasuredImageSize == right.MeasuredImageSize
        && left.Platform == right.Platform
        && left.FlashSnapshotId == right.FlashSnapshotId
        && left.EliminationStrategy == right.EliminationStrategy
        && left.Settings == right.Settings
        && SamePending(left.PendingRefresh, right.PendingRefresh)
        && NoExtension(left.ExtensionData) && NoExtension(right.ExtensionData)
        && SameLastRefresh(left.LastRefresh, right.LastRefresh)
        && SameItems(left.Images, right.Images, SameImage)
        // KubernetesClient's models are records: value equality over every field, nested
        // records (metadata, involvedObject, source) included; their lists compare by reference,
        // which can only answer "not proven".
        && SameItems(left.Events, right.Events, (a, b) => a == b)
        && SameItems(left.Conditions, right.Conditions, (a, b) => a == b);

    private static bool SameImage(ImageCacheImageStatus left, ImageCacheImageStatus right) =>
        left.Image == right.Image
        && left.Digest == right.Digest
        && left.PushedAt == right.PushedAt
        && NoExtension(left.ExtensionData) && NoExtension(right.ExtensionData);

    private static bool SamePending(PendingRefresh? left, PendingRefresh? right) =>
        ReferenceEquals(left, right)
        || (left is not null && right is not null
            && left.RequestedAt == right.RequestedAt
            && left.Reason == right.Reason
            && left.DeliveryId == right.DeliveryId
            && SameItems(left.Images, right.Images, (a, b) => a.Image == b.Image && a.Digest == b.Digest && a.PushedAt == b.PushedAt && NoExtension(a.ExtensionData) && NoExtension(b.ExtensionData))
            && NoExtension(left.ExtensionData) && NoExtension(right.ExtensionData));

    private static bool SameLastRefresh(ImageCacheLastRefresh? left, ImageCacheLastRefresh? right) =>
        ReferenceEquals(left, right)
        || (left is not null && right is not null
            && left.RequestedAt == right.RequestedAt
            && left.ReadyAt == right.ReadyAt
            && left.PushToReadySeconds == right.PushToReadySeconds
            && NoExtension(left.ExtensionData) && NoExtension(right.ExtensionData));

    private static bool SameItems<T>(IList<T>? left, IList<T>? right, Func<T, T, bool> same)
        where T : class
    {
        if (left is null || right is null)
        {
            return left is null && right is null;
        }

        if (left.Count != right.Count)
        {
            return false;
        }

        for (int i = 0; i < left.Count; i++)
        {
            if (!ReferenceEquals(left[i], right[i]) && (left[i] is null || right[i] is null || !same(left[i], right[i])))
            {
                return false;
            }
        }

        return true;
    }

    private static bool NoExtension(Dictionary<string, System.Text.Json.JsonElement>? data) => data is null || data.Count == 0;
}
