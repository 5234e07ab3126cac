using BenchmarkDotNet.Attributes;
using ImageCacheFunctions.ImageCaches.Retention;

namespace ImageCacheFunctions.Benchmarks.Prune;

/// <summary>
/// prune-expired's selection over a fleet of 100,000 caches: joining ECI's caches with the
/// objects, and applying every policy. A realistic mix: most caches healthy, a few percent
/// expired, failed, unused or orphaned, some protected.
/// Run: dotnet run -c Release --project tests/Benchmarks -- --filter '*PruneSelection*'
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class PruneSelectionBenchmarks
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly PruneRules _rules = new();
    private List<EciCacheState> _caches = [];
    private List<ImageCacheObjectState> _objects = [];
    private Fleet _fleet = null!;

    [Params(100_000)]
    public int Caches { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _caches = new List<EciCacheState>(Caches);
        _objects = new List<ImageCacheObjectState>(Caches);
        for (var i = 0; i < Caches; i++)
        {
            var id = $"imc-{i:x12}";
            var name = $"cache-{i}";
            var uid = $"uid-{i}";
            var created = Now - TimeSpan.FromMinutes(random.Next(1, 60 * 24 * 120));
            var roll = random.Next(100);
            var status = roll < 2 ? "Failed" : "Ready";
            int? retention = roll < 50 ? null : random.Next(30, 366);
            DateTimeOffset? expire = status == "Failed"
                ? created.AddHours(24)
                : retention is int days ? created.AddDays(days) : null;
            var matched = random.Next(10) < 8 ? Now - TimeSpan.FromHours(random.Next(1, 24 * 90)) : (DateTimeOffset?)null;
            _caches.Add(new EciCacheState(id, name, status, 20 + random.Next(100), created, expire, matched, created.AddMinutes(1), true, name, uid));

            // 3 % of caches have lost their object (orphans); 1 % of objects have no cache yet.
            if (roll is >= 3 and < 6)
            {
                continue;
            }

            _objects.Add(new ImageCacheObjectState(
                name,
                uid,
                IsBeingDeleted: false,
                IsProtected: roll == 99,
                roll < 90 ? UnusedPreference.Unset : UnusedPreference.Parse("30"),
                retention,
                20,
                roll == 6 ? null : id,
                status,
                created,
                expire,
                created.AddMinutes(3)));
        }

        _fleet = Fleet.Join(_caches, _objects);
    }

    [Benchmark]
    public Fleet Join() => Fleet.Join(_caches, _objects);

    [Benchmark]
    public PruneSelection Select() => PruneSelector.Select(_fleet, _rules, Now);

    [Benchmark]
    public int JoinAndSelect() => PruneSelector.Select(Fleet.Join(_caches, _objects), _rules, Now).Candidates.Count;
}
