using ImageCacheFunctions.ImageCaches.Prune;

namespace ImageCacheFunctions.ImageCaches.Tests.Prune;

/// <summary>A random fleet, the rules and the clock the selection is run with.</summary>
public sealed record FleetScenario(
    IReadOnlyList<EciCacheState> Caches,
    IReadOnlyList<ImageCacheObjectState> Objects,
    PruneRules Rules,
    DateTimeOffset Now)
{
    public Fleet Fleet() => ImageCacheFunctions.ImageCaches.Prune.Fleet.Join(Caches, Objects);

    public override string ToString() =>
        $"now {Now:O}, margin {Rules.ClockSkewMargin}, grace {Rules.OrphanGracePeriod}, policies [{string.Join(",", Rules.Policies)}], all-unused {Rules.PruneAllUnused}\n"
        + string.Join("\n", Caches.Select(c => "  eci " + c))
        + "\n"
        + string.Join("\n", Objects.Select(o => "  obj " + o));
}
