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
    /// status.imageCacheId names it; failing that, to the object its owner tags name (by uid, which
    /// tells incarnations apart; by name only when the cache carries no uid tag) if that object
    /// has recorded no cache yet: a create in flight. A cache
    /// whose owner exists but records another cache stays apart, and is never an orphan.
    /// </summary>
    public static Fleet Join(IReadOnlyCollection<EciCacheState> caches, IReadOnlyCollection<ImageCacheObjectState> objects)
    {
        ArgumentNullException.ThrowIfNull(caches);
        ArgumentNullException.ThrowIfNull(objects);

        // Hashing and memory traffic are most of a join over 100,000 caches: objects are numbered,
        // one string-keyed table per question every cache asks (name, recorded cache id) maps to
        // that number, and each object's cache is a slot in an array. The uid question only the
        // rare object-less cache asks is answered by one pass over the objects for just those uids.
        var list = objects as IReadOnlyList<ImageCacheObjectState> ?? [.. objects];
        var byName = new Dictionary<string, int>(list.Count, StringComparer.Ordinal);
        var byCacheId = new Dictionary<string, int>(list.Count, StringComparer.Ordinal);
        bool[]? shadowed = null;
        for (var i = 0; i < list.Count; i++)
        {
            var obj = list[i];
            if (!byName.TryAdd(obj.Name, i))
            {
                // A second object of the same name (not possible in Kubernetes): the first one counts.
                (shadowed ??= new bool[list.Count])[i] = true;
                continue;
            }

            if (obj.ImageCacheId is not null)
            {
                // Two objects naming one cache: the first keeps it; the other is a member without a cache.
                byCacheId.TryAdd(obj.ImageCacheId, i);
            }
        }

        var cacheOf = new EciCacheState?[list.Count];
        List<EciCacheState>? unrecorded = null;
        HashSet<string>? seenUnrecorded = null;
        var eciCount = 0;
        var foreign = 0;
        foreach (var cache in caches)
        {
            if (byCacheId.TryGetValue(cache.ImageCacheId, out var owner))
            {
                // ECI paging can repeat an item when the fleet changes between pages: the owner
                // already holding this id means the item was seen.
                if (cacheOf[owner] is null)
                {
                    cacheOf[owner] = cache;
                    eciCount++;
                }

                continue;
            }

            if (!(seenUnrecorded ??= new HashSet<string>(StringComparer.Ordinal)).Add(cache.ImageCacheId))
            {
                continue;
            }

            if (!cache.IsManaged)
            {
                foreign++;
                continue;
            }

            eciCount++;
            (unrecorded ??= []).Add(cache);
        }

        var objectless = new List<FleetMember>();
        if (unrecorded is not null)
        {
            var byUid = UidIndex(list, shadowed, unrecorded);
            foreach (var cache in unrecorded)
            {
                var tagged = cache.OwnerUid is not null
                    ? byUid.GetValueOrDefault(cache.OwnerUid, -1)
                    : cache.OwnerName is not null ? byName.GetValueOrDefault(cache.OwnerName, -1) : -1;
                if (tagged >= 0 && list[tagged].ImageCacheId is null && cacheOf[tagged] is null)
                {
                    // A create in flight: the object named by the tags has recorded no cache yet.
                    cacheOf[tagged] = cache;
                    continue;
                }

                objectless.Add(new FleetMember(null, cache, OwnerExists: tagged >= 0));
            }
        }

        var members = new List<FleetMember>(list.Count + objectless.Count);
        for (var i = 0; i < list.Count; i++)
        {
            if (shadowed?[i] != true)
            {
                members.Add(new FleetMember(list[i], cacheOf[i]));
            }
        }

        members.AddRange(objectless);
        return new Fleet(members, eciCount, byName.Count, foreign);
    }

    /// <summary>
    /// The objects (by number; the first of each uid, shadowed ones left out) whose uid one of
    /// <paramref name="caches"/>' owner tags names: by uid, which tells incarnations apart (a new
    /// object of the same name is another owner).
    /// </summary>
    private static Dictionary<string, int> UidIndex(IReadOnlyList<ImageCacheObjectState> objects, bool[]? shadowed, List<EciCacheState> caches)
    {
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var cache in caches)
        {
            if (cache.OwnerUid is not null)
            {
                wanted.Add(cache.OwnerUid);
            }
        }

        var byUid = new Dictionary<string, int>(wanted.Count, StringComparer.Ordinal);
        if (wanted.Count == 0)
        {
            return byUid;
        }

        for (var i = 0; i < objects.Count; i++)
        {
            if (shadowed?[i] != true && objects[i].Uid is { } uid && wanted.Contains(uid))
            {
                byUid.TryAdd(uid, i);
            }
        }

        return byUid;
    }
}
