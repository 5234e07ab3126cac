using ImageCacheFunctions.ImageCaches.Operations.Reconcile;

namespace ImageCacheFunctions.ImageCaches.Operations.Refresh;

/// <summary>
/// Single flight per cache in this process: while a reconcile of an object runs, every delivery
/// that asks for one more joins a single follow-up, started when the running one ends (a
/// running reconcile may have read the object before the caller's refresh was written, so the
/// caller cannot simply share it). A burst of identical pushes therefore costs one reconcile and
/// at most one more, whatever its size: one UpdateImageCache and a few Describes, where each
/// delivery used to reconcile on its own (issue 12 item 10). Other replicas are not coordinated:
/// ECI's ClientToken and the objects' resourceVersions keep them from doing anything twice.
/// </summary>
public sealed class ReconcileFlights
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Flight> _flights = new(StringComparer.Ordinal);

    /// <summary>Objects with a reconcile running now (for tests and metrics).</summary>
    public int Running
    {
        get
        {
            lock (_gate)
            {
                return _flights.Count;
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="reconcile"/> for <paramref name="name"/> now, or after the one
    /// running (joining the follow-up others already asked for). <paramref name="reconcile"/>
    /// reports failures as results and never throws.
    /// </summary>
    public Task<ObjectReconcileResult> RunAsync(string name, Func<Task<ObjectReconcileResult>> reconcile)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(reconcile);
        lock (_gate)
        {
            if (_flights.TryGetValue(name, out var running))
            {
                running.Next ??= new TaskCompletionSource<ObjectReconcileResult>(TaskCreationOptions.RunContinuationsAsynchronously);
                return running.Next.Task;
            }

            var flight = new Flight(new TaskCompletionSource<ObjectReconcileResult>(TaskCreationOptions.RunContinuationsAsynchronously));
            _flights[name] = flight;
            _ = Task.Run(() => FlyAsync(name, flight, reconcile));
            return flight.Current.Task;
        }
    }

    private async Task FlyAsync(string name, Flight flight, Func<Task<ObjectReconcileResult>> reconcile)
    {
        while (true)
        {
            ObjectReconcileResult? result = null;
            Exception? failure = null;
            try
            {
                result = await reconcile().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                failure = e;
            }

            // The flight is handed on (or ended) before its callers resume: one arriving after
            // this starts a fresh reconcile rather than joining a finished one.
            var done = flight.Current;
            bool more;
            lock (_gate)
            {
                more = flight.Next is not null;
                if (more)
                {
                    flight.Current = flight.Next!;
                    flight.Next = null;
                }
                else
                {
                    _flights.Remove(name);
                }
            }

            if (failure is null)
            {
                done.SetResult(result!);
            }
            else
            {
                done.SetException(failure);
            }

            if (!more)
            {
                return;
            }
        }
    }

    private sealed class Flight(TaskCompletionSource<ObjectReconcileResult> current)
    {
        public TaskCompletionSource<ObjectReconcileResult> Current { get; set; } = current;

        public TaskCompletionSource<ObjectReconcileResult>? Next { get; set; }
    }
}
