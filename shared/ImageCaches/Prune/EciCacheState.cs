using ImageCacheFunctions.ImageCaches.Reconcile;

namespace ImageCacheFunctions.ImageCaches.Prune;

/// <summary>
/// What ECI reports about one image cache (DescribeImageCaches), reduced to what retention needs.
/// Projected from the <see cref="ObservedCache"/> the operations layer reads; this library does no I/O.
/// </summary>
/// <param name="ImageCacheId">ECI's id (<c>imc-…</c>).</param>
/// <param name="Name">ECI's ImageCacheName.</param>
/// <param name="Status">ECI's Status (Preparing, Creating, Ready, Failed, Updating, UpdateFailed).</param>
/// <param name="SizeGiB">ImageCacheSize in GiB.</param>
/// <param name="CreationTime">When ECI created it; the clock of the orphan grace period.</param>
/// <param name="ExpireDateTime">When ECI will delete it (end of retention, or 24 h after a failure).</param>
/// <param name="LastMatchedTime">When ECI last matched it to a pod.</param>
/// <param name="LastEventTime">The latest timestamp among ECI's events of the cache (when it failed, for a failed cache).</param>
/// <param name="IsManaged">Tagged as created by this product (the managed-by tag).</param>
/// <param name="OwnerName">The ImageCache object named by the owner tag.</param>
/// <param name="OwnerUid">The uid of that object, from the owner-uid tag.</param>
public sealed record EciCacheState(
    string ImageCacheId,
    string? Name,
    string Status,
    int SizeGiB,
    DateTimeOffset? CreationTime,
    DateTimeOffset? ExpireDateTime,
    DateTimeOffset? LastMatchedTime,
    DateTimeOffset? LastEventTime,
    bool IsManaged,
    string? OwnerName,
    string? OwnerUid)
{
    /// <summary>What retention reads of an observed cache: the latest event time stands for when it failed.</summary>
    public static EciCacheState From(ObservedCache cache)
    {
        ArgumentNullException.ThrowIfNull(cache);
        DateTimeOffset? lastEvent = null;
        foreach (var e in cache.Events)
        {
            var at = e.LastTimestamp ?? e.FirstTimestamp;
            if (at > lastEvent || lastEvent is null)
            {
                lastEvent = at;
            }
        }

        return new EciCacheState(
            cache.ImageCacheId,
            cache.ImageCacheName,
            cache.Status,
            cache.ImageCacheSize ?? 0,
            cache.CreationTime,
            cache.ExpireDateTime,
            cache.LastMatchedTime,
            lastEvent,
            cache.IsManaged,
            cache.OwnerName,
            cache.OwnerUid);
    }
}
