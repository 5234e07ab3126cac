using ImageCacheFunctions.ImageCaches.Prune;

namespace ImageCacheFunctions.LocalGateway.Bench;

/// <summary>
/// A seeded fleet for prune's selection: most caches healthy, a few percent expired, failed,
/// unused or orphaned, some protected; 3 % of caches have lost their object, 1 % of objects have
/// no cache yet. Shared by `LocalGateway bench` and tests/Benchmarks' PruneSelectionBenchmarks.
/// </summary>
internal sealed record SyntheticFleet(List<EciCacheState> Caches, List<ImageCacheObjectState> Objects)
{
    public static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static SyntheticFleet Create(int size, int seed = 42)
    {
        var random = new Random(seed);
        var caches = new List<EciCacheState>(size);
        var objects = new List<ImageCacheObjectState>(size);
        for (var i = 0; i < size; i++)
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
            caches.Add(new EciCacheState(id, name, status, 20 + random.Next(100), created, expire, matched, created.AddMinutes(1), true, name, uid));
            if (roll is >= 3 and < 6)
            {
                continue;
            }

            objects.Add(new ImageCacheObjectState(
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

        return new SyntheticFleet(caches, objects);
    }
}
