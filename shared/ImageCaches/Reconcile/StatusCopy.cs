using System.Text.Json;
using ImageCacheFunctions.ImageCaches.Resources;
using k8s;
using k8s.Models;

namespace ImageCacheFunctions.ImageCaches.Reconcile;

/// <summary>
/// A deep copy of a status built field by field: the planner copies every object's status on
/// every pass, and a copy through the wire format costs a serialisation and a parse each time.
/// Everything the planner may change is copied (lists, their items, nested objects);
/// what is immutable (CacheSettings, JSON elements of extension data) is shared. A status this
/// copy does not know how to copy (an event whose metadata holds collections, which the statuses
/// written here never have) is copied through the wire format.
/// </summary>
public static class StatusCopy
{
    public static ImageCacheStatus Of(ImageCacheStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (status.Events?.Any(e => e?.Metadata is { } m && (m.Annotations ?? m.Labels ?? m.Finalizers ?? m.ManagedFields ?? (object?)m.OwnerReferences) is not null) == true)
        {
            return KubernetesJson.Deserialize<ImageCacheStatus>(KubernetesJson.Serialize(status));
        }

        return new ImageCacheStatus
        {
            Phase = status.Phase,
            Progress = status.Progress,
            ImageCacheId = status.ImageCacheId,
            StartTime = status.StartTime,
            LastUpdatedTime = status.LastUpdatedTime,
            Events = CopyList(status.Events, Event),
            ExpireDateTime = status.ExpireDateTime,
            ObservedGeneration = status.ObservedGeneration,
            Images = CopyList(status.Images, i => new ImageCacheImageStatus { Image = i.Image, Digest = i.Digest, PushedAt = i.PushedAt, ExtensionData = Extension(i.ExtensionData) }),
            LastMatchedTime = status.LastMatchedTime,
            PendingRefresh = status.PendingRefresh is { } pending
                ? new PendingRefresh
                {
                    RequestedAt = pending.RequestedAt,
                    Reason = pending.Reason,
                    DeliveryId = pending.DeliveryId,
                    Images = CopyList(pending.Images, i => new PendingRefreshImage { Image = i.Image, Digest = i.Digest, PushedAt = i.PushedAt, ExtensionData = Extension(i.ExtensionData) }),
                    ExtensionData = Extension(pending.ExtensionData),
                }
                : null,
            Settings = status.Settings,
            MeasuredImageSize = status.MeasuredImageSize,
            Platform = status.Platform,
            FlashSnapshotId = status.FlashSnapshotId,
            EliminationStrategy = status.EliminationStrategy,
            LastRefresh = status.LastRefresh is { } last
                ? new ImageCacheLastRefresh { RequestedAt = last.RequestedAt, ReadyAt = last.ReadyAt, PushToReadySeconds = last.PushToReadySeconds, ExtensionData = Extension(last.ExtensionData) }
                : null,
            Conditions = CopyList(status.Conditions, c => c with { }),
            ExtensionData = Extension(status.ExtensionData),
        };
    }

    // KubernetesClient's models are records: `with` copies every field; the nested objects an
    // event holds are copied the same way (their collections are checked to be absent above).
    private static Corev1Event Event(Corev1Event e) => e with
    {
        Metadata = e.Metadata is { } m ? m with { } : null,
        InvolvedObject = e.InvolvedObject is { } o ? o with { } : null,
        Related = e.Related is { } r ? r with { } : null,
        Source = e.Source is { } s ? s with { } : null,
        Series = e.Series is { } series ? series with { } : null,
    };

    private static List<T>? CopyList<T>(IList<T>? items, Func<T, T> copy)
        where T : class
    {
        if (items is null)
        {
            return null;
        }

        var copied = new List<T>(items.Count);
        foreach (var item in items)
        {
            copied.Add(item is null ? item! : copy(item));
        }

        return copied;
    }

    private static Dictionary<string, JsonElement>? Extension(Dictionary<string, JsonElement>? data) =>
        data is null ? null : new Dictionary<string, JsonElement>(data, data.Comparer);
}
