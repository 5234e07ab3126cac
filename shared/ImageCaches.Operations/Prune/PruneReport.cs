using System.Text.Json.Serialization;

namespace ImageCacheFunctions.ImageCaches.Operations.Prune;

/// <summary>
/// The JSON answer of a run (camelCase). On a dry run <see cref="Deleted"/> is empty and
/// <see cref="WouldDelete"/> holds exactly what a real run would delete; <see cref="Reclaimed"/>
/// then counts those.
/// </summary>
/// <param name="Trigger">http or timer.</param>
/// <param name="DryRun">Nothing was deleted.</param>
/// <param name="Policies">The policies applied.</param>
/// <param name="StartedAt">When the run started (the function's clock).</param>
/// <param name="DurationMilliseconds">How long it took.</param>
/// <param name="Fleet">What was seen.</param>
/// <param name="Candidates">Selected caches, by policy name (every policy applied has an entry).</param>
/// <param name="Deleted">What was deleted.</param>
/// <param name="WouldDelete">On a dry run: what would have been deleted.</param>
/// <param name="Skipped">What a policy reached but was kept, each with a reason.</param>
/// <param name="Cap">The per-run cap and whether it stopped the run.</param>
/// <param name="Reclaimed">Sum of imageCacheSize of the deleted (or would-be-deleted) ECI caches.</param>
/// <param name="CloudEvents">ImageCachePruned CloudEvents posted to the sink (null when no sink is configured).</param>
/// <param name="Error">Why the run could not select at all (ECI or Kubernetes unreadable); nothing was deleted then.</param>
public sealed record PruneReport(
    string Trigger,
    bool DryRun,
    IReadOnlyList<string> Policies,
    DateTimeOffset StartedAt,
    long DurationMilliseconds,
    PruneFleetSummary Fleet,
    IReadOnlyDictionary<string, IReadOnlyList<PruneReportEntry>> Candidates,
    IReadOnlyList<PruneReportEntry> Deleted,
    IReadOnlyList<PruneReportEntry> WouldDelete,
    IReadOnlyList<PruneReportEntry> Skipped,
    PruneCapReport Cap,
    PruneReclaimed Reclaimed,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PruneCloudEventTally? CloudEvents,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error);

/// <summary>Counts of what a run read.</summary>
/// <param name="Members">Caches of the fleet (objects joined with ECI caches): the base of the fraction cap.</param>
/// <param name="Objects">ImageCache objects.</param>
/// <param name="EciCaches">ECI caches that are ours.</param>
public sealed record PruneFleetSummary(int Members, int Objects, int EciCaches);

/// <summary>One cache in the report.</summary>
/// <param name="Name">The ImageCache object's name (null for an orphan).</param>
/// <param name="ImageCacheId">The ECI cache id (null when there is none).</param>
/// <param name="Policy">The policy that selected it.</param>
/// <param name="Reason">For a skipped cache, why (protected, expiry-in-future, grace-period, capped, changed, error, …); else the policy.</param>
/// <param name="Detail">The facts, in words.</param>
/// <param name="SizeGiB">imageCacheSize.</param>
/// <param name="EciCacheDeleted">For a deletion: whether DeleteImageCache removed a cache (false: ECI had already removed it).</param>
/// <param name="ObjectDeleted">For a deletion: whether an ImageCache object was deleted.</param>
public sealed record PruneReportEntry(
    string? Name,
    string? ImageCacheId,
    string Policy,
    string Reason,
    string Detail,
    int SizeGiB,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? EciCacheDeleted = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? ObjectDeleted = null);

/// <summary>The cap of a run.</summary>
/// <param name="Capped">The cap was exceeded: nothing was deleted.</param>
/// <param name="Reason">Why, when capped.</param>
/// <param name="Selected">Caches selected.</param>
/// <param name="FleetSize">Caches in the fleet.</param>
/// <param name="MaxDeletions">The absolute limit.</param>
/// <param name="MaxFraction">The fraction limit.</param>
/// <param name="FractionFloor">Selections up to this size ignore the fraction limit.</param>
public sealed record PruneCapReport(
    bool Capped,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason,
    int Selected,
    int FleetSize,
    int MaxDeletions,
    double MaxFraction,
    int FractionFloor);

/// <summary>Space given back: the sum of imageCacheSize (GiB) of the ECI caches deleted.</summary>
public sealed record PruneReclaimed([property: JsonPropertyName("gib")] long GiB, [property: JsonPropertyName("bytes")] long Bytes)
{
    public static PruneReclaimed Of(long gib) => new(gib, gib * 1024L * 1024L * 1024L);
}

/// <summary>CloudEvents posted to the sink.</summary>
public sealed record PruneCloudEventTally(int Sent, int Failed);
