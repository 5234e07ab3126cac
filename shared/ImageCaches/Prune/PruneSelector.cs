using System.Globalization;
using ImageCacheFunctions.ImageCaches.Resources;

namespace ImageCacheFunctions.ImageCaches.Prune;

/// <summary>
/// Decides which caches to prune. Pure: the same fleet, rules and clock give the same answer.
/// Whatever a policy says, a cache whose expiry is in the future (ECI's expireDateTime, the one
/// recorded on the object, or creation time + retentionDays when ECI has not said yet) is never
/// selected, and a protected cache or one whose object is being deleted is never selected.
/// </summary>
public static class PruneSelector
{
    // An array walked by index: the selection runs over 100,000 members, an interface enumerator each would add up.
    private static readonly PrunePolicy[] EvaluationOrder = [.. PrunePolicies.All];

    /// <summary>Evaluates every member of <paramref name="fleet"/>.</summary>
    public static PruneSelection Select(Fleet fleet, PruneRules rules, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(rules);

        var candidates = new List<PruneCandidate>();
        var skipped = new List<PruneCandidate>();
        foreach (var member in fleet.Members)
        {
            var verdict = Evaluate(member, rules, now);
            switch (verdict.Kind)
            {
                case PruneVerdictKind.Prune:
                    candidates.Add(new PruneCandidate(member, verdict));
                    break;
                case PruneVerdictKind.Skip:
                    skipped.Add(new PruneCandidate(member, verdict));
                    break;
            }
        }

        return new PruneSelection(candidates, skipped, fleet.Members.Count);
    }

    /// <summary>Evaluates one member (also used to re-check fresh state just before a deletion).</summary>
    public static PruneVerdict Evaluate(FleetMember member, PruneRules rules, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(rules);

        if (member.Object is { IsBeingDeleted: true } || (member.Object is null && member.Cache is null))
        {
            // The finalizer path owns an object being deleted.
            return PruneVerdict.Keep;
        }

        var cutoff = now - rules.ClockSkewMargin;
        PruneVerdict? firstSkip = null;
        foreach (var policy in EvaluationOrder)
        {
            if (!rules.Policies.Contains(policy))
            {
                continue;
            }

            var verdict = policy switch
            {
                PrunePolicy.Orphan => Orphan(member, rules, cutoff),
                PrunePolicy.Failed => Failed(member, rules, cutoff),
                PrunePolicy.Expired => Expired(member, rules, cutoff),
                _ => Unused(member, rules, cutoff),
            };

            if (verdict.Kind == PruneVerdictKind.Prune)
            {
                return Guard(member, rules, cutoff, verdict);
            }

            if (verdict.Kind == PruneVerdictKind.Skip)
            {
                firstSkip ??= verdict;
            }
        }

        return firstSkip ?? PruneVerdict.Keep;
    }

    /// <summary>
    /// The cache's expiry: ECI's expireDateTime when ECI reported the cache, else the one recorded
    /// on the object; when neither says, 24 h after the failure for a failed cache, else creation
    /// time + retentionDays. Null when the cache never expires (or nothing is known).
    /// </summary>
    public static DateTimeOffset? ExpiryOf(FleetMember member, PruneRules rules)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(rules);

        var said = member.Cache is not null ? member.Cache.ExpireDateTime : member.Object?.ExpireDateTime;
        if (said is not null)
        {
            return said;
        }

        if (IsFailed(member))
        {
            return FailedSince(member) + rules.FailedRetention;
        }

        var created = member.Cache?.CreationTime ?? member.Object?.StartTime;
        return created is not null && member.Object?.RetentionDays is int days and > 0
            ? created.Value.AddDays(days)
            : null;
    }

    private static PruneVerdict Guard(FleetMember member, PruneRules rules, DateTimeOffset cutoff, PruneVerdict verdict)
    {
        if (member.Object is { IsProtected: true })
        {
            return PruneVerdict.Skip(verdict.Policy, PruneSkipReasons.Protected, $"annotation {ImageCacheResource.ProtectAnnotation} exempts it from pruning");
        }

        // Every expiry known is consulted, not only the one the policy used: if any says "later", wait.
        if (Later(member.Cache?.ExpireDateTime, cutoff) is { } eci)
        {
            return FutureExpiry(verdict, "ECI's expireDateTime", eci);
        }

        if (Later(member.Object?.ExpireDateTime, cutoff) is { } recorded)
        {
            return FutureExpiry(verdict, "status.expireDateTime", recorded);
        }

        if (Later(ExpiryOf(member, rules), cutoff) is { } computed)
        {
            return FutureExpiry(verdict, "its expiry", computed);
        }

        return verdict;
    }

    private static DateTimeOffset? Later(DateTimeOffset? value, DateTimeOffset cutoff) => value > cutoff ? value : null;

    private static PruneVerdict FutureExpiry(PruneVerdict verdict, string which, DateTimeOffset expiry) =>
        PruneVerdict.Skip(verdict.Policy, PruneSkipReasons.ExpiryInFuture, $"{PrunePolicies.NameOf(verdict.Policy)}, but {which} {Format(expiry)} has not passed (with the clock-skew margin)");

    private static PruneVerdict Orphan(FleetMember member, PruneRules rules, DateTimeOffset cutoff)
    {
        if (member.Object is not null || member.Cache is not { IsManaged: true } cache || member.OwnerExists)
        {
            return PruneVerdict.Keep;
        }

        var owner = cache.OwnerName is null ? "no ImageCache object" : $"ImageCache '{cache.OwnerName}', which no longer exists";
        if (cache.CreationTime is not { } created)
        {
            return PruneVerdict.Skip(PrunePolicy.Orphan, PruneSkipReasons.GracePeriod, $"tagged as ours for {owner}, but ECI reported no creation time to start the grace period from");
        }

        return created + rules.OrphanGracePeriod <= cutoff
            ? PruneVerdict.Prune(PrunePolicy.Orphan, $"tagged as ours for {owner}; created {Format(created)}, past the grace period of {rules.OrphanGracePeriod}")
            : PruneVerdict.Skip(PrunePolicy.Orphan, PruneSkipReasons.GracePeriod, $"tagged as ours for {owner}; created {Format(created)}, within the grace period of {rules.OrphanGracePeriod}");
    }

    private static PruneVerdict Failed(FleetMember member, PruneRules rules, DateTimeOffset cutoff)
    {
        if (!IsFailed(member) || FailedSince(member) is not { } since)
        {
            return PruneVerdict.Keep;
        }

        return since + rules.FailedRetention <= cutoff
            ? PruneVerdict.Prune(PrunePolicy.Failed, $"failed since {Format(since)}, longer than {rules.FailedRetention}")
            : PruneVerdict.Keep;
    }

    // A failed cache is the Failed policy's: its expiry is ECI's failure retention, not retentionDays.
    private static PruneVerdict Expired(FleetMember member, PruneRules rules, DateTimeOffset cutoff) =>
        !IsFailed(member) && ExpiryOf(member, rules) is { } expiry && expiry <= cutoff
            ? PruneVerdict.Prune(PrunePolicy.Expired, $"expired at {Format(expiry)}")
            : PruneVerdict.Keep;

    private static PruneVerdict Unused(FleetMember member, PruneRules rules, DateTimeOffset cutoff)
    {
        if (member.Object is not { } obj || member.Cache is not { } cache)
        {
            return PruneVerdict.Keep;
        }

        var preference = obj.UnusedPreference;
        switch (preference.Kind)
        {
            case UnusedPreferenceKind.Invalid:
                return PruneVerdict.Skip(PrunePolicy.Unused, PruneSkipReasons.InvalidAnnotation, $"annotation {PruneAnnotations.PruneUnused} must be true, false or a number of days (1..65536)");
            case UnusedPreferenceKind.OptedOut:
                return PruneVerdict.Keep;
            case UnusedPreferenceKind.Unset when !rules.PruneAllUnused:
                return PruneVerdict.Keep;
        }

        var days = preference.AfterDays ?? rules.UnusedAfterDays;
        var lastUse = cache.LastMatchedTime ?? cache.CreationTime;
        if (lastUse is null || days <= 0)
        {
            return PruneVerdict.Keep;
        }

        var what = cache.LastMatchedTime is null ? "never matched to a pod since its creation" : "last matched to a pod";
        return lastUse.Value.AddDays(days) <= cutoff
            ? PruneVerdict.Prune(PrunePolicy.Unused, $"{what} {Format(lastUse.Value)}, more than {days} days ago")
            : PruneVerdict.Keep;
    }

    private static bool IsFailed(FleetMember member) =>
        (member.Cache?.Status ?? member.Object?.Phase) == ImageCachePhase.Failed;

    // When the failure happened. ECI dates a failed cache's expiry 24 h after the failure, so
    // that date says it exactly; without one, ECI's last event about the cache (else its creation).
    private static DateTimeOffset? FailedSince(FleetMember member)
    {
        var stated = member.Cache is not null ? member.Cache.ExpireDateTime : member.Object?.ExpireDateTime;
        if (stated is { } expiry)
        {
            return expiry - PruneRules.EciFailureRetention;
        }

        return member.Cache is { } cache
            ? Max(cache.LastEventTime, cache.CreationTime)
            : Max(member.Object?.LastUpdatedTime, member.Object?.StartTime);
    }

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : (a > b ? a : b);

    private static string Format(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture);
}
