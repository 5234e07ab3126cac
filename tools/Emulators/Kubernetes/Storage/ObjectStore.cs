using ImageCacheFunctions.Emulators.Kubernetes.Api;

namespace ImageCacheFunctions.Emulators.Kubernetes.Storage;

/// <summary>
/// The emulator's etcd: objects by resource type and key, one global revision counter
/// (resourceVersion), a bounded change history for watches that resume, and the open watches.
/// Callers hold <see cref="Gate"/> around read-modify-write sequences.
/// </summary>
internal sealed class ObjectStore
{
    private const string KeyMax = "\uffff\uffff";

    private readonly Dictionary<string, Table> _tables = new(StringComparer.Ordinal);
    private readonly Queue<WatchEvent> _history = new();
    private readonly List<WatchSubscription> _watchers = [];
    private readonly int _historyLimit;
    private long _compactedRevision;

    public ObjectStore(int historyLimit) => _historyLimit = historyLimit;

    /// <summary>Raised (under the gate) after every stored change, with the change.</summary>
    public event Action<WatchEvent>? Changed;

    public Lock Gate { get; } = new();

    public long Revision { get; private set; }

    public long NextRevision() => ++Revision;

    /// <summary>Restores the counter from a persisted snapshot; history starts there.</summary>
    public void Restore(long revision)
    {
        Revision = Math.Max(Revision, revision);
        _compactedRevision = Revision;
    }

    public StoredObject? Find(string storageKey, string? ns, string name) =>
        _tables.TryGetValue(storageKey, out var table) && table.Objects.TryGetValue(StoredObject.KeyOf(ns, name), out var found) ? found : null;

    /// <summary>Stores a new version: ADDED when <paramref name="previous"/> is null, else MODIFIED.</summary>
    public void Put(StoredObject obj, StoredObject? previous)
    {
        TableOf(obj.Type.StorageKey).Store(obj);
        Publish(new WatchEvent(previous is null ? "ADDED" : "MODIFIED", obj, previous));
    }

    /// <summary>Loads a persisted object without an event.</summary>
    public void Load(StoredObject obj)
    {
        TableOf(obj.Type.StorageKey).Store(obj);
    }

    /// <summary>Drops a persisted object without an event (a deletion replayed from the journal).</summary>
    public void Forget(string storageKey, string key)
    {
        if (_tables.TryGetValue(storageKey, out var table))
        {
            table.Drop(key);
        }
    }

    /// <summary>Removes an object; <paramref name="finalState"/> carries the deletion's resourceVersion.</summary>
    public void Remove(StoredObject finalState, StoredObject previous)
    {
        if (_tables.TryGetValue(previous.Type.StorageKey, out var table))
        {
            table.Drop(previous.Key);
        }
        Publish(new WatchEvent("DELETED", finalState, previous));
    }

    /// <summary>Objects of a type in key order, optionally in one namespace, after a continue key.</summary>
    public IEnumerable<StoredObject> Scan(string storageKey, string? ns, string? afterKey)
    {
        if (!_tables.TryGetValue(storageKey, out var table) || table.Objects.Count == 0)
        {
            yield break;
        }
        if (ns is null && afterKey is null)
        {
            // The whole table: walk the sorted keys without building a range view.
            foreach (var key in table.Keys)
            {
                yield return table.Objects[key];
            }
            yield break;
        }
        var lower = ns is null ? "" : ns + "/";
        var upper = ns is null ? KeyMax : ns + "/" + KeyMax;
        if (afterKey is not null && string.CompareOrdinal(afterKey, lower) > 0)
        {
            lower = afterKey;
        }
        if (string.CompareOrdinal(lower, upper) > 0)
        {
            yield break;
        }
        foreach (var key in table.Keys.GetViewBetween(lower, upper))
        {
            if (afterKey is not null && string.CompareOrdinal(key, afterKey) <= 0)
            {
                continue;
            }
            yield return table.Objects[key];
        }
    }

    /// <summary>
    /// Like <see cref="Scan"/>, but only the objects whose label <paramref name="label"/> has one of
    /// <paramref name="values"/>, read from the label index: a selector list costs what it finds,
    /// not the size of the table.
    /// </summary>
    public IEnumerable<StoredObject> ScanByLabel(string storageKey, string? ns, string? afterKey, string label, IReadOnlyList<string> values)
    {
        if (!_tables.TryGetValue(storageKey, out var table))
        {
            return [];
        }
        var keys = new List<string>();
        foreach (var value in values.Distinct(StringComparer.Ordinal))
        {
            if (table.ByLabel.TryGetValue(Table.LabelKey(label, value), out var set))
            {
                keys.AddRange(set.Where(k =>
                    (ns is null || k.StartsWith(ns + "/", StringComparison.Ordinal))
                    && (afterKey is null || string.CompareOrdinal(k, afterKey) > 0)));
            }
        }
        if (values.Count > 1)
        {
            keys.Sort(StringComparer.Ordinal);
        }
        return keys.Select(k => table.Objects[k]);
    }

    public int Count(string storageKey) => _tables.TryGetValue(storageKey, out var table) ? table.Objects.Count : 0;

    /// <summary>How many objects of a type sort after a key (a list's remainingItemCount).</summary>
    public int CountAfter(string storageKey, string key)
    {
        if (!_tables.TryGetValue(storageKey, out var table) || string.CompareOrdinal(key, KeyMax) >= 0)
        {
            return 0;
        }
        var view = table.Keys.GetViewBetween(key, KeyMax);
        return view.Count - (view.Contains(key) ? 1 : 0);
    }

    /// <summary>Every stored object, for persistence.</summary>
    public List<StoredObject> Everything() => _tables.Values.SelectMany(t => t.Objects.Values).ToList();

    /// <summary>
    /// Opens a watch. With no revision it starts with ADDED events for the current objects;
    /// from a revision it replays the changes after it, or fails with 410 Expired when the
    /// history no longer reaches back that far.
    /// </summary>
    public WatchSubscription Watch(string storageKey, string? ns, Func<StoredObject, bool> filter, long? fromRevision)
    {
        var subscription = new WatchSubscription(storageKey, ns, filter);
        if (fromRevision is null)
        {
            foreach (var obj in Scan(storageKey, ns, null))
            {
                subscription.Offer(new WatchEvent("ADDED", obj, null));
            }
        }
        else
        {
            if (fromRevision.Value < _compactedRevision)
            {
                throw StatusDocuments.Expired($"too old resource version: {fromRevision.Value} ({_compactedRevision})");
            }
            foreach (var change in _history)
            {
                if (change.ResourceVersion > fromRevision.Value && change.Object.Type.StorageKey == storageKey)
                {
                    subscription.Offer(change);
                }
            }
        }
        _watchers.Add(subscription);
        return subscription;
    }

    public void Unwatch(WatchSubscription subscription)
    {
        _watchers.Remove(subscription);
        subscription.Complete();
    }

    public void CloseAllWatches()
    {
        foreach (var watcher in _watchers)
        {
            watcher.Complete();
        }
        _watchers.Clear();
    }

    private Table TableOf(string storageKey)
    {
        if (!_tables.TryGetValue(storageKey, out var table))
        {
            table = new Table();
            _tables[storageKey] = table;
        }
        return table;
    }

    private void Publish(WatchEvent change)
    {
        _history.Enqueue(change);
        while (_history.Count > _historyLimit)
        {
            _compactedRevision = _history.Dequeue().ResourceVersion;
        }
        foreach (var watcher in _watchers)
        {
            if (watcher.StorageKey == change.Object.Type.StorageKey)
            {
                watcher.Offer(change);
            }
        }
        Changed?.Invoke(change);
    }

    private sealed class Table
    {
        public Dictionary<string, StoredObject> Objects { get; } = new(StringComparer.Ordinal);

        public SortedSet<string> Keys { get; } = new(StringComparer.Ordinal);

        /// <summary>"label\0value" → the keys of the objects carrying it, sorted like <see cref="Keys"/>.</summary>
        public Dictionary<string, SortedSet<string>> ByLabel { get; } = new(StringComparer.Ordinal);

        public static string LabelKey(string label, string value) => label + "\0" + value;

        public void Store(StoredObject obj)
        {
            if (Objects.TryGetValue(obj.Key, out var previous))
            {
                Unindex(previous);
            }
            else
            {
                Keys.Add(obj.Key);
            }
            Objects[obj.Key] = obj;
            foreach (var (label, value) in obj.Labels)
            {
                var entry = LabelKey(label, value);
                if (!ByLabel.TryGetValue(entry, out var set))
                {
                    set = new SortedSet<string>(StringComparer.Ordinal);
                    ByLabel[entry] = set;
                }
                set.Add(obj.Key);
            }
        }

        public void Drop(string key)
        {
            if (Objects.Remove(key, out var previous))
            {
                Keys.Remove(key);
                Unindex(previous);
            }
        }

        private void Unindex(StoredObject obj)
        {
            foreach (var (label, value) in obj.Labels)
            {
                var entry = LabelKey(label, value);
                if (ByLabel.TryGetValue(entry, out var set) && set.Remove(obj.Key) && set.Count == 0)
                {
                    ByLabel.Remove(entry);
                }
            }
        }
    }
}
