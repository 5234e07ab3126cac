using k8s;
using k8s.Models;

namespace ImageCacheFunctions.Emulators.Kubernetes.Tests;

/// <summary>Waits on an ImageCache watch (KubernetesClient) for the first event that matches.</summary>
internal static class WatchEvents
{
    public static async Task<ImageCacheObject> FirstAsync(RunningEmulator k8s, string fromResourceVersion, Func<WatchEventType, ImageCacheObject, bool> match, CancellationToken cancellationToken)
    {
        await foreach (var (type, obj) in Open(k8s, fromResourceVersion, null, cancellationToken))
        {
            if (match(type, obj))
            {
                return obj;
            }
        }
        throw new InvalidOperationException("The watch ended before the expected event.");
    }

    public static async Task<List<(WatchEventType Type, string Name, string ResourceVersion)>> TakeAsync(
        RunningEmulator k8s, string? fromResourceVersion, int count, string? labelSelector, CancellationToken cancellationToken)
    {
        var seen = new List<(WatchEventType, string, string)>();
        await foreach (var (type, obj) in Open(k8s, fromResourceVersion, labelSelector, cancellationToken))
        {
            seen.Add((type, obj.Metadata.Name, obj.Metadata.ResourceVersion));
            if (seen.Count == count)
            {
                break;
            }
        }
        return seen;
    }

    public static async IAsyncEnumerable<(WatchEventType, ImageCacheObject)> Open(
        RunningEmulator k8s, string? fromResourceVersion, string? labelSelector, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var events = k8s.Client.CustomObjects.WatchListClusterCustomObjectAsync(
            ImageCacheObject.Group, ImageCacheObject.Version, ImageCacheObject.Plural,
            labelSelector: labelSelector, resourceVersion: fromResourceVersion, cancellationToken: cancellationToken);
        await foreach (var (type, obj) in events.WithCancellation(cancellationToken))
        {
            yield return (type, KubernetesJson.Deserialize<ImageCacheObject>(KubernetesJson.Serialize(obj)));
        }
    }
}
