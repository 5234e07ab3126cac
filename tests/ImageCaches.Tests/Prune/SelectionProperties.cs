using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ImageCacheFunctions.ImageCaches.Prune;

namespace ImageCacheFunctions.ImageCaches.Tests.Prune;

/// <summary>What the selection guarantees for every fleet and every clock.</summary>
// A fixed seed: every run checks the same cases, and a failure prints "(seed,gamma)" to replay.
[Properties(Arbitrary = [typeof(FleetGenerators)], MaxTest = 1000, Replay = "2718281828459045235,1414213562373095049")]
public sealed class SelectionProperties
{
    [Property]
    public Property Never_selects_a_cache_whose_expiry_is_in_the_future(FleetScenario scenario)
    {
        var selection = PruneSelector.Select(scenario.Fleet(), scenario.Rules, scenario.Now);
        return selection.Candidates.All(c => !ExpiryInFuture(c.Member, scenario.Now))
            .When(selection, scenario);
    }

    [Property]
    public Property Never_selects_a_cache_whose_expiry_is_in_the_future_even_with_a_clock_far_ahead(FleetScenario scenario)
    {
        // A clock bug: the function's clock runs years ahead. Expiries in the true future must
        // still be safe as long as ECI's or the object's own dates are later than that clock.
        var skewed = scenario.Now.AddYears(3);
        var selection = PruneSelector.Select(scenario.Fleet(), scenario.Rules, skewed);
        return selection.Candidates.All(c => !ExpiryInFuture(c.Member, skewed)).ToProperty();
    }

    [Property]
    public Property Never_selects_protected_deleting_or_foreign_caches(FleetScenario scenario)
    {
        var selection = PruneSelector.Select(scenario.Fleet(), scenario.Rules, scenario.Now);
        return selection.Candidates.All(c =>
                c.Member.Object is not { IsProtected: true }
                && c.Member.Object is not { IsBeingDeleted: true }
                && (c.Member.Object is not null || c.Member.Cache!.IsManaged))
            .When(selection, scenario);
    }

    [Property]
    public Property Only_applies_the_requested_policies(FleetScenario scenario)
    {
        var selection = PruneSelector.Select(scenario.Fleet(), scenario.Rules, scenario.Now);
        return selection.Candidates.All(c => scenario.Rules.Policies.Contains(c.Policy)).ToProperty();
    }

    [Property]
    public Property An_orphan_is_never_younger_than_the_grace_period_and_its_owner_is_gone(FleetScenario scenario)
    {
        var selection = PruneSelector.Select(scenario.Fleet(), scenario.Rules, scenario.Now);
        return selection.Candidates.Where(c => c.Policy == PrunePolicy.Orphan).All(c =>
                c.Member.Object is null
                && c.Member.Cache!.CreationTime is { } created
                && created + scenario.Rules.OrphanGracePeriod <= scenario.Now
                && !scenario.Objects.Any(o => o.ImageCacheId == c.Member.Cache.ImageCacheId)
                && !scenario.Objects.Any(o => c.Member.Cache.OwnerUid is { } uid ? o.Uid == uid : o.Name == c.Member.Cache.OwnerName))
            .When(selection, scenario);
    }

    [Property]
    public Property Unused_only_for_caches_that_opted_in_or_under_the_global_setting(FleetScenario scenario)
    {
        var selection = PruneSelector.Select(scenario.Fleet(), scenario.Rules, scenario.Now);
        return selection.Candidates.Where(c => c.Policy == PrunePolicy.Unused).All(c =>
                c.Member.Object!.UnusedPreference.Kind == UnusedPreferenceKind.OptedIn
                || (c.Member.Object.UnusedPreference.Kind == UnusedPreferenceKind.Unset && scenario.Rules.PruneAllUnused))
            .ToProperty();
    }

    [Property]
    public Property Each_object_and_each_ECI_cache_is_selected_at_most_once(FleetScenario scenario)
    {
        var selection = PruneSelector.Select(scenario.Fleet(), scenario.Rules, scenario.Now);
        var ids = selection.Candidates.Select(c => c.Member.Cache?.ImageCacheId).OfType<string>().ToList();
        var names = selection.Candidates.Select(c => c.Member.Object?.Name).OfType<string>().ToList();
        return (ids.Count == ids.Distinct().Count() && names.Count == names.Distinct().Count()).ToProperty();
    }

    [Property]
    public Property Every_object_and_every_cache_of_ours_is_in_the_fleet_exactly_once(FleetScenario scenario)
    {
        var fleet = scenario.Fleet();
        var objectNames = fleet.Members.Select(m => m.Object?.Name).OfType<string>().ToList();
        var cacheIds = fleet.Members.Select(m => m.Cache?.ImageCacheId).OfType<string>().ToList();
        var referenced = scenario.Objects.Select(o => o.ImageCacheId).OfType<string>().ToHashSet();
        var ours = scenario.Caches.Where(c => c.IsManaged || referenced.Contains(c.ImageCacheId)).Select(c => c.ImageCacheId).ToHashSet();
        return (objectNames.Count == objectNames.Distinct().Count()
                && objectNames.ToHashSet().SetEquals(scenario.Objects.Select(o => o.Name))
                && cacheIds.Count == cacheIds.Distinct().Count()
                && cacheIds.ToHashSet().IsSubsetOf(scenario.Caches.Select(c => c.ImageCacheId))
                && cacheIds.ToHashSet().IsSupersetOf(scenario.Caches.Where(c => c.IsManaged).Select(c => c.ImageCacheId)))
            .Label($"objects {string.Join(",", objectNames)}; caches {string.Join(",", cacheIds)}; ours {string.Join(",", ours)}");
    }

    [Property]
    public Property Once_due_a_cache_stays_due_as_time_passes(FleetScenario scenario, PositiveInt minutes)
    {
        // Monotonic: what is pruned now would be pruned later too, so "not before" is a sharp edge.
        var fleet = scenario.Fleet();
        var later = scenario.Now.AddMinutes(minutes.Get);
        return fleet.Members.All(m =>
                PruneSelector.Evaluate(m, scenario.Rules, scenario.Now).Kind != PruneVerdictKind.Prune
                || PruneSelector.Evaluate(m, scenario.Rules, later).Kind == PruneVerdictKind.Prune)
            .ToProperty();
    }

    [Property]
    public Property The_selection_is_deterministic(FleetScenario scenario)
    {
        var first = PruneSelector.Select(scenario.Fleet(), scenario.Rules, scenario.Now);
        var second = PruneSelector.Select(scenario.Fleet(), scenario.Rules, scenario.Now);
        return first.Candidates.Select(Key).SequenceEqual(second.Candidates.Select(Key)).ToProperty();

        static string Key(PruneCandidate c) => $"{c.Member.DisplayName}/{c.Member.ImageCacheId}/{c.Policy}";
    }

    [Property]
    public Property The_cap_never_lets_more_than_its_limits_through(NonNegativeInt deletions, NonNegativeInt fleetSize, PositiveInt max, NonNegativeInt floor, PositiveInt percent)
    {
        var cap = new PruneCap(max.Get, Math.Min(percent.Get, 100) / 100.0, floor.Get);
        var n = deletions.Get;
        var size = Math.Max(fleetSize.Get, n);
        var allowed = cap.Exceeded(n, size) is null;
        return (!allowed || (n <= cap.MaxDeletions && (n <= cap.FractionFloor || n <= cap.MaxFraction * size))).ToProperty();
    }

    // "Expiry in the future" as a user reads it: any date ECI or the object states, or, when
    // neither states one, creation + retentionDays for a cache that has not failed.
    private static bool ExpiryInFuture(FleetMember member, DateTimeOffset now)
    {
        if (member.Cache?.ExpireDateTime > now || member.Object?.ExpireDateTime > now)
        {
            return true;
        }

        var stated = member.Cache is not null ? member.Cache.ExpireDateTime : member.Object?.ExpireDateTime;
        var failed = (member.Cache?.Status ?? member.Object?.Phase) == "Failed";
        var created = member.Cache?.CreationTime ?? member.Object?.StartTime;
        return stated is null && !failed && created is not null && member.Object?.RetentionDays is int days
            && created.Value.AddDays(days) > now;
    }
}

internal static class PropertyLabels
{
    // The label is built only for a failing case: building it for every case costs more than the check.
    public static Property When(this bool holds, PruneSelection selection, FleetScenario scenario) =>
        holds ? true.ToProperty() : false.Label(
            $"{scenario}\nselected:\n" + string.Join("\n", selection.Candidates.Select(c => $"  {c.Member} -> {c.Verdict}")));
}
