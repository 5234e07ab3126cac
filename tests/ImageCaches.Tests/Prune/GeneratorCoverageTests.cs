using FsCheck.Fluent;
using ImageCacheFunctions.ImageCaches.Prune;

namespace ImageCacheFunctions.ImageCaches.Tests.Prune;

/// <summary>The properties are only as good as the fleets they see: every outcome must occur.</summary>
public sealed class GeneratorCoverageTests
{
    [Fact]
    public void Random_fleets_reach_every_policy_and_every_skip_reason()
    {
        var verdicts = FleetGenerators.ScenarioGen.Sample(2000, 40)
            .SelectMany(s => PruneSelector.Select(s.Fleet(), s.Rules, s.Now) is var selection
                ? selection.Candidates.Concat(selection.Skipped)
                : [])
            .Select(c => c.Verdict)
            .ToList();

        foreach (var policy in PrunePolicies.All)
        {
            Assert.Contains(verdicts, v => v.Kind == PruneVerdictKind.Prune && v.Policy == policy);
        }

        foreach (var reason in new[] { PruneSkipReasons.Protected, PruneSkipReasons.ExpiryInFuture, PruneSkipReasons.GracePeriod, PruneSkipReasons.InvalidAnnotation })
        {
            Assert.Contains(verdicts, v => v.Kind == PruneVerdictKind.Skip && v.Reason == reason);
        }
    }
}
