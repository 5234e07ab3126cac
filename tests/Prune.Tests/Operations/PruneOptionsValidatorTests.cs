using ImageCacheFunctions.ImageCaches.Operations.Prune;

namespace ImageCacheFunctions.Prune.Tests.Operations;

public sealed class PruneOptionsValidatorTests
{
    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.True(new PruneOptionsValidator().Validate(null, new PruneOptions()).Succeeded);
    }

    [Fact]
    public void Each_bad_setting_gets_its_own_message_naming_the_setting()
    {
        var result = new PruneOptionsValidator().Validate(null, new PruneOptions
        {
            Policies = "expired,sometimes",
            ClockSkewMargin = TimeSpan.FromDays(2),
            OrphanGracePeriod = TimeSpan.FromMinutes(-1),
            UnusedAfterDays = 0,
            MaxDeletionsPerRun = -1,
            MaxDeletionFraction = 1.5,
        });

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        foreach (var key in new[] { "Prune:Policies", "Prune:ClockSkewMargin", "Prune:OrphanGracePeriod", "Prune:UnusedAfterDays", "Prune:MaxDeletionsPerRun", "Prune:MaxDeletionFraction" })
        {
            Assert.Single(failures, f => f.StartsWith(key + " ", StringComparison.Ordinal));
        }
    }
}
