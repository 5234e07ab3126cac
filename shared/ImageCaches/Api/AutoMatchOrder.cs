namespace ImageCacheFunctions.ImageCaches.Api;

/// <summary>
/// The order in which automatic match prefers caches, best first. The ECI ImageCache
/// documentation ("Enable automatic image cache match") lists the rules by priority, in
/// descending order: (1) the matching degree of the images, (2) the size of the images,
/// (3) the time when the image cache was created. It names the criteria, not their
/// direction; the directions chosen here, and why:
/// </summary>
/// <remarks>
/// <list type="number">
/// <item><b>Matching degree: more is better.</b> The number of the pod's images the cache
/// holds (<see cref="CacheMatch.Degree"/>); every held image is a pull saved.</item>
/// <item><b>Size: larger is better.</b> The current ECI documentation words this criterion as
/// "the size of the matched images" (Chinese edition: 匹配的镜像大小): among caches holding as
/// many of the pod's images, the one holding more bytes of them saves more download time,
/// which is the point of the feature. The per-image sizes are not known here (neither the
/// ImageCache status nor DescribeImageCaches reports them); spec.imageCacheSize is the size
/// we know, and it is sized by its owner to the images it holds, so it stands in for the
/// matched size: larger first.</item>
/// <item><b>Creation time: newer is better.</b> A newer cache pulled its tags more recently,
/// so what it holds is more likely what the registry serves for those tags today, and it
/// expires later. The ECI cache's creation time is status.startTime (the object's
/// creationTimestamp until the cache exists).</item>
/// <item>Last, the name (ordinal), so that equal caches always rank the same way.</item>
/// </list>
/// </remarks>
public sealed class AutoMatchOrder : IComparer<CacheMatch>
{
    public static AutoMatchOrder Instance { get; } = new();

    public int Compare(CacheMatch? x, CacheMatch? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return 1;
        }

        if (y is null)
        {
            return -1;
        }

        var byDegree = y.Degree.CompareTo(x.Degree);
        if (byDegree != 0)
        {
            return byDegree;
        }

        var bySize = y.Candidate.ImageCacheSize.CompareTo(x.Candidate.ImageCacheSize);
        if (bySize != 0)
        {
            return bySize;
        }

        // Unknown creation time ranks after any known one.
        var byCreation = Nullable.Compare(y.Candidate.CreatedAt, x.Candidate.CreatedAt);
        if (byCreation != 0)
        {
            return byCreation;
        }

        return string.CompareOrdinal(x.Candidate.Name, y.Candidate.Name);
    }
}
