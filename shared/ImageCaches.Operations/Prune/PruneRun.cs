using ImageCacheFunctions.ImageCaches.Prune;

namespace ImageCacheFunctions.ImageCaches.Operations.Prune;

/// <summary>What one run has seen and done so far; becomes the <see cref="PruneReport"/>.</summary>
internal sealed class PruneRun(string trigger, bool dryRun, PruneRules rules, PruneCap cap, DateTimeOffset startedAt, bool sinkConfigured)
{
    private readonly List<PruneReportEntry> deleted = [];
    private readonly List<PruneReportEntry> wouldDelete = [];
    private readonly List<PruneReportEntry> skipped = [];
    private readonly Dictionary<string, List<PruneReportEntry>> candidates =
        rules.Policies.Order().ToDictionary(PrunePolicies.NameOf, _ => new List<PruneReportEntry>(), StringComparer.Ordinal);

    private PruneFleetSummary fleet = new(0, 0, 0);
    private int selected;
    private string? capReason;
    private long reclaimedGiB;
    private int eventsSent;
    private int eventsFailed;

    public bool DryRun { get; } = dryRun;

    public PruneRules Rules { get; } = rules;

    public PruneCap Cap { get; } = cap;

    public void Selected(Fleet seen, PruneSelection selection)
    {
        fleet = new PruneFleetSummary(seen.Members.Count, seen.ObjectCount, seen.EciCacheCount);
        selected = selection.Candidates.Count;
        foreach (var candidate in selection.Candidates)
        {
            candidates[PrunePolicies.NameOf(candidate.Policy)].Add(Entry(candidate.Member, candidate.Verdict, candidate.Verdict.Reason, candidate.Verdict.Detail));
        }

        foreach (var skip in selection.Skipped)
        {
            skipped.Add(Entry(skip.Member, skip.Verdict, skip.Verdict.Reason, skip.Verdict.Detail));
        }
    }

    public void Capped(string reason)
    {
        capReason = reason;
        foreach (var entry in candidates.Values.SelectMany(e => e))
        {
            skipped.Add(entry with { Reason = PruneSkipReasons.Capped, Detail = $"{entry.Detail}; not deleted: {reason}" });
        }
    }

    public void Skip(PruneCandidate candidate, string reason, string detail) =>
        skipped.Add(Entry(candidate.Member, candidate.Verdict, reason, detail));

    public void WouldDelete(PruneConfirmation confirmation)
    {
        var member = confirmation.Member;
        wouldDelete.Add(new PruneReportEntry(
            member.Object?.Name,
            member.ImageCacheId,
            PrunePolicies.NameOf(confirmation.Verdict.Policy),
            PrunePolicies.NameOf(confirmation.Verdict.Policy),
            confirmation.Verdict.Detail,
            member.SizeGiB));
        reclaimedGiB += member.Cache?.SizeGiB ?? 0;
    }

    public void Deleted(PruneReportEntry entry, int reclaimed)
    {
        deleted.Add(entry);
        reclaimedGiB += reclaimed;
    }

    public void CloudEvent(bool sent)
    {
        if (sent)
        {
            eventsSent++;
        }
        else
        {
            eventsFailed++;
        }
    }

    public PruneReport Failed(string error, TimeSpan duration) => ToReport(duration) with { Error = error };

    public PruneReport ToReport(TimeSpan duration) => new(
        trigger,
        DryRun,
        Rules.Policies.Order().Select(PrunePolicies.NameOf).ToList(),
        startedAt,
        (long)duration.TotalMilliseconds,
        fleet,
        candidates.ToDictionary(p => p.Key, p => (IReadOnlyList<PruneReportEntry>)p.Value, StringComparer.Ordinal),
        deleted,
        wouldDelete,
        skipped,
        new PruneCapReport(capReason is not null, capReason, selected, fleet.Members, Cap.MaxDeletions, Cap.MaxFraction, Cap.FractionFloor),
        PruneReclaimed.Of(reclaimedGiB),
        sinkConfigured ? new PruneCloudEventTally(eventsSent, eventsFailed) : null,
        null);

    private static PruneReportEntry Entry(FleetMember member, PruneVerdict verdict, string reason, string detail) =>
        new(member.Object?.Name, member.ImageCacheId, PrunePolicies.NameOf(verdict.Policy), reason, detail, member.SizeGiB);
}
