using FsCheck;
using FsCheck.Fluent;
using ImageCacheFunctions.ImageCaches.Prune;

namespace ImageCacheFunctions.ImageCaches.Tests.Prune;

/// <summary>
/// Random fleets built to hit the edges: few names and ids (so tags, status ids and objects
/// collide), times clustered around "now" (seconds to days either side) as well as far away,
/// every ECI status, protected and deleting objects, all policy subsets and margins.
/// </summary>
public static class FleetGenerators
{
    private static readonly DateTimeOffset Epoch = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly string[] Names = ["a", "b", "c", "d", "e", "f"];
    private static readonly string[] Ids = ["imc-1", "imc-2", "imc-3", "imc-4", "imc-5", "imc-6", "imc-7", "imc-8"];
    private static readonly string[] Uids = ["uid-1", "uid-2", "uid-3"];
    private static readonly string[] Statuses = ["Preparing", "Creating", "Ready", "Failed", "Updating", "UpdateFailed", ""];
    private static readonly string?[] Phases = ["Pending", "Ready", "Failed", "Missing", "Creating", null];

    public static Arbitrary<FleetScenario> Scenario() => ScenarioGen.ToArbitrary();

    public static Gen<FleetScenario> ScenarioGen =>
        from now in Offset.Select(o => Epoch + o)
        from caches in Gen.ListOf(CacheGen(now))
        from objects in Gen.ListOf(ObjectGen(now))
        from rules in RulesGen
        // ECI ids and object names are unique, as in ECI and Kubernetes.
        select new FleetScenario(caches.DistinctBy(c => c.ImageCacheId).ToList(), objects.DistinctBy(o => o.Name).ToList(), rules, now);

    // Offsets around now: exact boundaries (0, ±1 s, ±1 min, ±5 min, ±1 h, ±24 h, ±7 d) and random ones.
    private static Gen<TimeSpan> Offset =>
        Gen.Frequency(
            (3, Gen.Elements(0, 1, -1, 60, -60, 300, -300, 3600, -3600, 86400, -86400, 7 * 86400, -7 * 86400, 30 * 86400, -30 * 86400)
                .Select(s => TimeSpan.FromSeconds(s))),
            (3, Gen.Choose(-60 * 24 * 60, 60 * 24 * 60).Select(m => TimeSpan.FromMinutes(m))),
            (1, Gen.Choose(-400, 400).Select(d => TimeSpan.FromDays(d))));

    private static Gen<DateTimeOffset?> TimeNear(DateTimeOffset now) =>
        Gen.Frequency(
            (1, Gen.Constant<DateTimeOffset?>(null)),
            (4, Offset.Select(o => (DateTimeOffset?)(now + o))));

    private static Gen<string?> OrNone(string[] values) =>
        Gen.Frequency((1, Gen.Constant<string?>(null)), (4, Gen.Elements(values).Select(v => (string?)v)));

    private static Gen<EciCacheState> CacheGen(DateTimeOffset now) =>
        from id in Gen.Elements(Ids)
        from status in Gen.Elements(Statuses)
        from size in Gen.Choose(20, 200)
        from created in TimeNear(now)
        from expire in TimeNear(now)
        from matched in TimeNear(now)
        from lastEvent in TimeNear(now)
        from managed in Gen.Frequency((4, Gen.Constant(true)), (1, Gen.Constant(false)))
        from owner in OrNone(Names)
        from ownerUid in OrNone(Uids)
        select new EciCacheState(id, "cache-" + id, status, size, created, expire, matched, lastEvent, managed, owner, ownerUid);

    private static Gen<ImageCacheObjectState> ObjectGen(DateTimeOffset now) =>
        from name in Gen.Elements(Names)
        from uid in OrNone(Uids)
        from deleting in Gen.Frequency((6, Gen.Constant(false)), (1, Gen.Constant(true)))
        from isProtected in Gen.Frequency((5, Gen.Constant(false)), (1, Gen.Constant(true)))
        from unused in Gen.Elements(UnusedPreference.Unset, UnusedPreference.Parse("true"), UnusedPreference.Parse("false"), UnusedPreference.Parse("7"), UnusedPreference.Parse("bogus"))
        from retention in Gen.Frequency((2, Gen.Constant<int?>(null)), (3, Gen.Elements(1, 7, 30, 65536).Select(d => (int?)d)))
        from cacheId in OrNone(Ids)
        from phase in Gen.Elements(Phases)
        from start in TimeNear(now)
        from expire in TimeNear(now)
        from updated in TimeNear(now)
        select new ImageCacheObjectState(name, uid, deleting, isProtected, unused, retention, 20, cacheId, phase, start, expire, updated);

    private static Gen<PruneRules> RulesGen =>
        from policies in Gen.SubListOf(PrunePolicies.All.ToArray())
        from margin in Gen.Elements(0, 1, 60, 300, 3600).Select(s => TimeSpan.FromSeconds(s))
        from grace in Gen.Elements(0, 60, 3600, 86400).Select(s => TimeSpan.FromSeconds(s))
        from unusedDays in Gen.Elements(1, 7, 30)
        from all in Gen.Elements(false, true)
        select new PruneRules
        {
            Policies = new HashSet<PrunePolicy>(policies),
            ClockSkewMargin = margin,
            OrphanGracePeriod = grace,
            UnusedAfterDays = unusedDays,
            PruneAllUnused = all,
        };
}
