extern alias gateway;

using BenchmarkDotNet.Attributes;
using ImageCacheFunctions.ImageCaches.Prune;

namespace ImageCacheFunctions.Benchmarks.Prune;

/// <summary>
/// prune-expired's selection over a fleet of 100,000 caches: joining ECI's caches with the
/// objects, and applying every policy, on the seeded fleet `LocalGateway bench` measures too
/// (SyntheticFleet: most caches healthy, a few percent expired, failed, unused or orphaned, some
/// protected).
/// Run: dotnet run -c Release --project tests/Benchmarks -- --filter '*PruneSelection*'
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class PruneSelectionBenchmarks
{
    private static readonly DateTimeOffset Now = gateway::ImageCacheFunctions.LocalGateway.Bench.SyntheticFleet.Now;

    private readonly PruneRules _rules = new();
    private List<EciCacheState> _caches = [];
    private List<ImageCacheObjectState> _objects = [];
    private Fleet _fleet = null!;

    [Params(100_000)]
    public int Caches { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var fleet = gateway::ImageCacheFunctions.LocalGateway.Bench.SyntheticFleet.Create(Caches);
        _caches = fleet.Caches;
        _objects = fleet.Objects;
        _fleet = Fleet.Join(_caches, _objects);
    }

    [Benchmark]
    public Fleet Join() => Fleet.Join(_caches, _objects);

    [Benchmark]
    public PruneSelection Select() => PruneSelector.Select(_fleet, _rules, Now);

    [Benchmark]
    public int JoinAndSelect() => PruneSelector.Select(Fleet.Join(_caches, _objects), _rules, Now).Candidates.Count;
}
