using ImageCacheFunctions.ImageCaches.Resources;
using k8s.Models;

namespace ImageCacheFunctions.ImageCaches.Reconcile;

/// <summary>
/// ECI's cache events copied into status.events in the seed's shape (metadata.name = the image,
/// source kubelet/eci, empty involvedObject). An event is the same event when type, name,
/// reason, message and first time agree; its count and last time are then brought up to date.
/// The result depends only on its inputs, so merging the same ECI events again changes nothing.
/// </summary>
public static class StatusEvents
{
    public const string SourceComponent = "kubelet";
    public const string SourceHost = "eci";

    /// <summary>
    /// The events to store: <paramref name="existing"/> updated with <paramref name="observed"/>,
    /// oldest first, at most <paramref name="max"/> (the newest); null when there are none.
    /// The existing events are updated in place: pass a copy.
    /// </summary>
    public static List<Corev1Event>? Merge(IEnumerable<Corev1Event>? existing, IEnumerable<ObservedCacheEvent> observed, int max) =>
        Merge(existing, observed, max, out _);

    /// <summary>As <see cref="Merge(IEnumerable{Corev1Event}?, IEnumerable{ObservedCacheEvent}, int)"/>; <paramref name="changed"/> tells whether the result differs from <paramref name="existing"/>.</summary>
    public static List<Corev1Event>? Merge(IEnumerable<Corev1Event>? existing, IEnumerable<ObservedCacheEvent> observed, int max, out bool changed)
    {
        ArgumentNullException.ThrowIfNull(observed);
        var original = existing?.ToList() ?? [];
        changed = false;
        var merged = new List<Corev1Event>();
        var byKey = new Dictionary<string, Corev1Event>(StringComparer.Ordinal);
        foreach (var kept in original)
        {
            var key = Key(kept);
            if (byKey.TryAdd(key, kept))
            {
                merged.Add(kept);
            }
        }

        foreach (var source in observed)
        {
            var candidate = ToStatusEvent(source);
            var key = Key(candidate);
            if (byKey.TryGetValue(key, out var known))
            {
                var count = Math.Max(known.Count ?? 1, candidate.Count ?? 1);
                if (count != known.Count)
                {
                    known.Count = count;
                    changed = true;
                }

                if ((candidate.LastTimestamp ?? DateTime.MinValue) > (known.LastTimestamp ?? DateTime.MinValue))
                {
                    known.LastTimestamp = candidate.LastTimestamp;
                    changed = true;
                }
            }
            else
            {
                byKey.Add(key, candidate);
                merged.Add(candidate);
            }
        }

        var ordered = merged
            .OrderBy(e => e.FirstTimestamp ?? e.LastTimestamp ?? DateTime.MinValue)
            .ThenBy(e => e.Metadata?.Name, StringComparer.Ordinal)
            .ThenBy(e => e.Message, StringComparer.Ordinal)
            .ToList();
        if (ordered.Count > max)
        {
            ordered = ordered.Skip(ordered.Count - max).ToList();
        }

        changed |= !ordered.SequenceEqual(original, ReferenceEqualityComparer.Instance);
        return ordered.Count == 0 ? null : ordered;
    }

    /// <summary>One ECI event in the seed's status.events shape.</summary>
    public static Corev1Event ToStatusEvent(ObservedCacheEvent source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var first = source.FirstTimestamp ?? source.LastTimestamp;
        var last = source.LastTimestamp ?? source.FirstTimestamp;
        return new Corev1Event
        {
            Count = Math.Max(1, source.Count),
            Type = string.IsNullOrEmpty(source.Type) ? KubernetesEventTypes.Normal : source.Type,
            Reason = string.IsNullOrEmpty(source.Reason) ? null : source.Reason,
            Message = source.Message,
            FirstTimestamp = first is { } f ? KubernetesTime.Truncate(f).UtcDateTime : null,
            LastTimestamp = last is { } l ? KubernetesTime.Truncate(l).UtcDateTime : null,
            Metadata = new V1ObjectMeta { Name = source.Name },
            InvolvedObject = new V1ObjectReference(),
            Source = new V1EventSource { Component = SourceComponent, Host = SourceHost },
            ReportingComponent = "",
            ReportingInstance = "",
        };
    }

    private static string Key(Corev1Event e) =>
        string.Join('\u001f',
            e.Type ?? "",
            e.Metadata?.Name ?? "",
            e.Reason ?? "",
            e.Message ?? "",
            e.FirstTimestamp is { } first ? KubernetesTime.ToString(UtcTimes.ToOffset(first)) : "");
}
