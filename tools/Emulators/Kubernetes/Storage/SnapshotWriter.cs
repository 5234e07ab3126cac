namespace ImageCacheFunctions.Emulators.Kubernetes.Storage;

/// <summary>
/// Persists the store at O(the object) per write: each change is appended to the journal as it
/// is stored (under the store's gate, so the journal is in revision order), and the snapshot is
/// rewritten off the write path only when the journal has grown past the snapshot's own size (or
/// on <see cref="FlushAsync"/> and disposal), after which the journal starts empty. A load reads
/// the snapshot and replays the journal (<see cref="JournalFile.ReadAll"/>).
/// </summary>
internal sealed class SnapshotWriter : IAsyncDisposable
{
    /// <summary>The journal may always grow this far before a compaction, however small the snapshot.</summary>
    private const long MinimumCompactionBytes = 1024 * 1024;

    private readonly ObjectStore _store;
    private readonly string _path;
    private readonly SemaphoreSlim _compactionDue = new(0, 1);
    private readonly SemaphoreSlim _compacting = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private FileStream? _journal;
    private long _journalBytes;
    private long _snapshotBytes;
    private long _writtenRevision = -1;
    private Task? _loop;

    public SnapshotWriter(ObjectStore store, string path)
    {
        _store = store;
        _path = path;
    }

    /// <summary>Compacts what was loaded (snapshot and journal) into a fresh snapshot, then journals every change.</summary>
    public void Start()
    {
        Compact();
        _store.Changed += Append;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Writes the snapshot now and empties the journal.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _compacting.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Compact();
        }
        finally
        {
            _compacting.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _store.Changed -= Append;
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }
        await FlushAsync(CancellationToken.None).ConfigureAwait(false);
        lock (_store.Gate)
        {
            _journal?.Dispose();
            _journal = null;
        }
        File.Delete(JournalFile.CurrentPath(_path));
        _stop.Dispose();
        _compactionDue.Dispose();
        _compacting.Dispose();
    }

    // Called under the store's gate, so appends never interleave and follow revision order.
    private void Append(WatchEvent change)
    {
        _journal ??= OpenJournal();
        var line = JournalFile.Line(change);
        _journal.Write(line);
        _journal.Flush();
        _journalBytes += line.Length;
        if (_journalBytes > Math.Max(MinimumCompactionBytes, _snapshotBytes) && _compactionDue.CurrentCount == 0)
        {
            try
            {
                _compactionDue.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already due.
            }
        }
    }

    private FileStream OpenJournal()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(_path))!);
        return new FileStream(JournalFile.CurrentPath(_path), FileMode.Append, FileAccess.Write, FileShare.Read, 64 * 1024);
    }

    private async Task RunAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await _compactionDue.WaitAsync(_stop.Token).ConfigureAwait(false);
                await FlushAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// The cut is taken under the gate: the objects, the revision, and the journal set aside as
    /// "compacting" (a fresh journal takes the next changes). The snapshot is written outside the
    /// gate; only then is the set-aside journal deleted, so a crash at any point loses nothing.
    /// </summary>
    private void Compact()
    {
        List<StoredObject> objects;
        long revision;
        var compacting = JournalFile.CompactingPath(_path);
        lock (_store.Gate)
        {
            revision = _store.Revision;
            if (revision == _writtenRevision && !File.Exists(compacting))
            {
                return;
            }
            objects = _store.Everything();
            _journal?.Dispose();
            _journal = null;
            var current = JournalFile.CurrentPath(_path);
            if (File.Exists(current))
            {
                if (File.Exists(compacting))
                {
                    // A compaction that never finished: keep both until this one does.
                    File.AppendAllBytes(compacting, File.ReadAllBytes(current));
                    File.Delete(current);
                }
                else
                {
                    File.Move(current, compacting);
                }
            }
            _journalBytes = 0;
        }
        SnapshotFile.Write(_path, revision, objects);
        _snapshotBytes = new FileInfo(_path).Length;
        _writtenRevision = revision;
        File.Delete(compacting);
    }
}
