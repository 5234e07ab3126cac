namespace ImageCacheFunctions.Emulators.Kubernetes.Storage;

/// <summary>
/// Writes the persistence file after changes, off the request path: a burst of changes
/// becomes one write of the latest state. Disposal writes whatever is still pending.
/// </summary>
internal sealed class SnapshotWriter : IAsyncDisposable
{
    private readonly ObjectStore _store;
    private readonly string _path;
    private readonly SemaphoreSlim _dirty = new(0, 1);
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private long _writtenRevision = -1;

    public SnapshotWriter(ObjectStore store, string path)
    {
        _store = store;
        _path = path;
        _store.Changed += Signal;
    }

    public void Start()
    {
        _loop = Task.Run(RunAsync);
        Signal();
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _writing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            WriteIfChanged();
        }
        finally
        {
            _writing.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _store.Changed -= Signal;
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }
        await FlushAsync(CancellationToken.None).ConfigureAwait(false);
        _stop.Dispose();
        _dirty.Dispose();
        _writing.Dispose();
    }

    private void Signal()
    {
        if (_dirty.CurrentCount == 0)
        {
            try
            {
                _dirty.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled: the pending write will include this change.
            }
        }
    }

    private async Task RunAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await _dirty.WaitAsync(_stop.Token).ConfigureAwait(false);
                await FlushAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void WriteIfChanged()
    {
        List<StoredObject> objects;
        long revision;
        lock (_store.Gate)
        {
            revision = _store.Revision;
            if (revision == _writtenRevision)
            {
                return;
            }
            objects = _store.Everything();
        }
        SnapshotFile.Write(_path, revision, objects);
        _writtenRevision = revision;
    }
}
