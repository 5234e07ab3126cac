namespace ImageCacheFunctions.ImageCaches.Prune;

/// <summary>
/// Our caches: every ImageCache object and every ECI cache that is ours (tagged managed-by, or
/// recorded in an object's status). ECI caches that are neither are someone else's and are left
/// out entirely, so no policy can ever reach them.
/// </summary>
public sealed class Fleet
{
    private Fleet(IReadOnlyList<FleetMember> members, int eciCaches, int objects, int foreign)
    {
        Members = members;
        EciCacheCount = eciCaches;
        ObjectCount = objects;
        ForeignCacheCount = foreign;
    }

    /// <summary>The members, objects first in the given order, then object-less ECI caches in ECI's order.</summary>
    public IReadOnlyList<FleetMember> Members { get; }

    /// <summary>ECI caches that belong to the fleet.</summary>
    public int EciCacheCount { get; }

    /// <summary>ImageCache objects.</summary>
    public int ObjectCount { get; }

    /// <summary>ECI caches that are not ours (ignored).</summary>
    public int ForeignCacheCount { get; }

    /// <summary>
    /// Joins ECI's caches with the objects. An ECI cache belongs to the object whose
    /// status.imageCacheId names it; failing that, to the object its owner tags name (see
    /// <see cref="Owner"/>) if that object has recorded no cache yet: a create in flight. A cache
    /// whose owner exists but records another cache stays apart, and is never an orphan.
    /// </summary>
    public static Fleet Join(IReadOnlyCollection<EciCacheState> caches, IReadOnlyCollection<ImageCacheObjectState> objects)
    {
        ArgumentNullException.ThrowIfNull(caches);
        ArgumentNullException.ThrowIfNull(objects);

        // Hashing is most of a join over 100,000 caches: one string-keyed table per question that
        // every member asks (name, recorded cache id); objects are then keyed by reference, and the
        // uid table the rare object-less cache needs is built only when one turns up.
        var byName = new Dictionary<string, ImageCacheObjectState>(objects.Count, StringComparer.Ordinal);
        var byCacheId = new Dictionary<string, ImageCacheObjectState>(objects.Count, StringComparer.Ordinal);
        HashSet<ImageCacheObjectState>? shadowed = null;
        foreach (var obj in objects)
        {
            if (!byName.TryAdd(obj.Name, obj))
            {
                // A second object of the same name (not possible in Kubernetes): the first one counts.
                (shadowed ??= new HashSet<ImageCacheObjectState>(ReferenceEqualityComparer.Instance)).Add(obj);
                continue;
            }

            if (obj.ImageCacheId is not null)
            {
                // Two objects naming one cache: the first keeps it; the other is a member without a cache.
                byCacheId.TryAdd(obj.ImageCacheId, obj);
            }
        }

        Dictionary<string, ImageCacheObjectState>? byUid = null;
        var cacheOf = new Dictionary<ImageCacheObjectState, EciCacheState>(objects.Count, ReferenceEqualityComparer.Instance);
        var objectless = new List<FleetMember>();
        HashSet<string>? seenObjectless = null;
        var eciCount = 0;
        var foreign = 0;
        foreach (var cache in caches)
        {
            if (byCacheId.TryGetValue(cache.ImageCacheId, out var owner))
            {
                // ECI paging can repeat an item when the fleet changes between pages: the owner
                // already holding this id means the item was seen.
                if (cacheOf.TryAdd(owner, cache))
                {
                    eciCount++;
                }

                continue;
            }

            if (!(seenObjectless ??= new HashSet<string>(StringComparer.Ordinal)).Add(cache.ImageCacheId))
            {
                continue;
            }

            if (!cache.IsManaged)
            {
                foreign++;
                continue;
            }

            eciCount++;
            byUid ??= UidIndex(byName.Values);
            var tagged = Owner(cache, byUid, byName);
            if (tagged is not null && tagged.ImageCacheId is null && cacheOf.TryAdd(tagged, cache))
            {
                continue;
            }

            objectless.Add(new FleetMember(null, cache, OwnerExists: tagged is not null));
        }

        var members = new List<FleetMember>(objects.Count + objectless.Count);
        foreach (var obj in objects)
        {
            if (shadowed?.Contains(obj) == true)
            {
                continue;
            }

            cacheOf.TryGetValue(obj, out var cache);
            members.Add(new FleetMember(obj, cache));
        }

        members.AddRange(objectless);
        return new Fleet(members, eciCount, byName.Count, foreign);
    }

    private static Dictionary<string, ImageCacheObjectState> UidIndex(IEnumerable<ImageCacheObjectState> objects)
    {
        var byUid = new Dictionary<string, ImageCacheObjectState>(StringComparer.Ordinal);
        foreach (var obj in objects)
        {
            if (obj.Uid is not null)
            {
                byUid.TryAdd(obj.Uid, obj);
            }
        }

        return byUid;
    }

    /// <summary>
    /// The object the owner tags name: by uid, which tells incarnations apart (a new object of the
    /// same name is another owner); by name only when the cache carries no uid tag.
    /// </summary>
    public static ImageCacheObjectState? Owner(EciCacheState cache, IReadOnlyDictionary<string, ImageCacheObjectState> byUid, IReadOnlyDictionary<string, ImageCacheObjectState> byName)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(byUid);
        ArgumentNullException.ThrowIfNull(byName);
        if (cache.OwnerUid is not null)
        {
            return byUid.TryGetValue(cache.OwnerUid, out var byId) ? byId : null;
        }

        return cache.OwnerName is not null && byName.TryGetValue(cache.OwnerName, out var named) ? named : null;
    }
}
