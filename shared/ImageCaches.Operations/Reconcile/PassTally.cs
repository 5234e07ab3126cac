using System.Collections.Concurrent;

namespace ImageCacheFunctions.ImageCaches.Operations.Reconcile;

/// <summary>Counters of one pass, safe to bump from concurrently reconciled objects.</summary>
internal sealed class PassTally
{
    public const int MaxListedNames = 100;

    private int _describe;
    private int _create;
    private int _update;
    private int _delete;
    private int _kubernetesWrites;
    private int _seen;
    private int _leftOver;

    public ConcurrentQueue<ObjectReconcileResult> Results { get; } = new();

    public ConcurrentQueue<ReconcileError> Errors { get; } = new();

    public ConcurrentQueue<string> LeftOverNames { get; } = new();

    public int Seen => Volatile.Read(ref _seen);

    public void Describe() => Interlocked.Increment(ref _describe);

    public void Create() => Interlocked.Increment(ref _create);

    public void Update() => Interlocked.Increment(ref _update);

    public void Delete() => Interlocked.Increment(ref _delete);

    public void KubernetesWrite() => Interlocked.Increment(ref _kubernetesWrites);

    public void SeenOne() => Interlocked.Increment(ref _seen);

    public void LeftOverOne(string name)
    {
        if (Interlocked.Increment(ref _leftOver) <= MaxListedNames)
        {
            LeftOverNames.Enqueue(name);
        }
    }

    public void Add(ObjectReconcileResult result)
    {
        Results.Enqueue(result);
        if (result.Outcome == ObjectReconcileOutcome.Error)
        {
            Errors.Enqueue(new ReconcileError(result.Name, result.Message ?? "failed"));
        }
    }

    public ReconcileReport ToReport(DateTimeOffset startedAt, TimeSpan duration, IReadOnlyList<OrphanCache> orphans, bool includeUnchanged)
    {
        var results = Results.ToList();
        var leftOver = Volatile.Read(ref _leftOver);
        return new ReconcileReport
        {
            Completed = leftOver == 0,
            StartedAt = startedAt,
            DurationMilliseconds = (long)duration.TotalMilliseconds,
            ObjectsSeen = Seen,
            Created = results.Count(r => r.Outcome == ObjectReconcileOutcome.Created),
            Updated = results.Count(r => r.Outcome == ObjectReconcileOutcome.Updated),
            StatusChanges = results.Count(r => r.StatusChanged),
            Deleted = results.Sum(r => r.DeletedCaches),
            Finalized = results.Count(r => r.Outcome == ObjectReconcileOutcome.Finalized),
            Blocked = results.Count(r => r.Outcome == ObjectReconcileOutcome.Blocked),
            Unchanged = results.Count(r => r.Outcome == ObjectReconcileOutcome.Unchanged),
            Orphans = orphans,
            Errors = Errors.ToList(),
            LeftOver = new LeftOver(leftOver, LeftOverNames.Order(StringComparer.Ordinal).ToList()),
            EciCalls = new EciCallCounts(Volatile.Read(ref _describe), Volatile.Read(ref _create), Volatile.Read(ref _update), Volatile.Read(ref _delete)),
            KubernetesWrites = Volatile.Read(ref _kubernetesWrites),
            Results = results
                .Where(r => includeUnchanged || r.Outcome != ObjectReconcileOutcome.Unchanged)
                .OrderBy(r => r.Name, StringComparer.Ordinal)
                .Take(MaxListedNames)
                .ToList(),
        };
    }
}
