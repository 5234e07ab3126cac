using System.Globalization;
using System.Text;
using ImageCacheFunctions.ImageCaches.Resources;

namespace ImageCacheFunctions.Reconcile.Tests.Support;

/// <summary>
/// What a user can see after passes, as text, with what legitimately varies between runs left
/// out (ids, times, resourceVersions): the objects' finalizers and status, and per object the
/// ECI caches that belong to it. Two runs ended the same when their texts are equal.
/// </summary>
public static class ClusterState
{
    public static async Task<string> DescribeAsync(ReconcileHarness harness, bool withKubernetesEvents = false)
    {
        var text = new StringBuilder();
        var objects = new List<ImageCache>();
        await foreach (var cache in harness.Store.ListAsync(null, CancellationToken.None).ConfigureAwait(false))
        {
            objects.Add(cache);
        }

        var caches = await harness.EciCachesAsync().ConfigureAwait(false);
        foreach (var cache in objects.OrderBy(o => o.Metadata.Name, StringComparer.Ordinal))
        {
            var status = cache.Status ?? new ImageCacheStatus();
            text.AppendLine(CultureInfo.InvariantCulture, $"object {cache.Metadata.Name} generation={cache.Metadata.Generation} finalizers=[{string.Join(",", cache.Metadata.Finalizers ?? [])}] deleting={cache.IsBeingDeleted}");
            text.AppendLine(CultureInfo.InvariantCulture, $"  phase={status.Phase} progress={status.Progress} observedGeneration={status.ObservedGeneration} pendingRefresh={status.PendingRefresh is not null} id={(status.ImageCacheId is null ? "none" : "set")}");
            text.AppendLine(CultureInfo.InvariantCulture, $"  images=[{string.Join(",", (status.Images ?? []).Select(i => i.Image + "@" + i.Digest))}]");
            text.AppendLine(CultureInfo.InvariantCulture, $"  conditions=[{string.Join(",", (status.Conditions ?? []).Select(c => $"{c.Type}={c.Status}/{c.Reason}"))}]");
            text.AppendLine(CultureInfo.InvariantCulture, $"  events=[{string.Join(" | ", (status.Events ?? []).Select(e => $"{e.Type}:{e.Metadata?.Name}:{e.Message}"))}]");
            if (withKubernetesEvents)
            {
                var recorded = await harness.EventsAboutAsync(cache.Metadata.Name).ConfigureAwait(false);
                text.AppendLine(CultureInfo.InvariantCulture, $"  kubernetes events=[{string.Join(",", recorded.Select(e => $"{e.Type}/{e.Reason}x{e.Count}").Order(StringComparer.Ordinal))}]");
            }

            var owned = caches.Where(c => c.Tags.Any(t => t.Key == ImageCacheResource.EciOwnerUidTagKey && t.Value == cache.Metadata.Uid)).ToList();
            text.AppendLine(CultureInfo.InvariantCulture, $"  eci caches={owned.Count} recorded={owned.Any(c => c.ImageCacheId == status.ImageCacheId)}");
            foreach (var eci in owned.OrderBy(c => string.Join(",", c.Images), StringComparer.Ordinal))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"    {eci.Status} {eci.Progress} [{string.Join(",", eci.Images)}] size={eci.ImageCacheSize} name={eci.ImageCacheName}");
            }
        }

        var unowned = caches.Count(c => !objects.Any(o => c.Tags.Any(t => t.Key == ImageCacheResource.EciOwnerUidTagKey && t.Value == o.Metadata.Uid)));
        text.AppendLine(CultureInfo.InvariantCulture, $"eci caches without object={unowned}");
        return text.ToString();
    }
}
