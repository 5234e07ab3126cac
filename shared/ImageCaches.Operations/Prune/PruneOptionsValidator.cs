using System.Globalization;
using ImageCacheFunctions.ImageCaches.Prune;
using Microsoft.Extensions.Options;

namespace ImageCacheFunctions.ImageCaches.Operations.Prune;

/// <summary>Checks <see cref="PruneOptions"/> at start-up, one clear message per problem.</summary>
public sealed class PruneOptionsValidator : IValidateOptions<PruneOptions>
{
    public ValidateOptionsResult Validate(string? name, PruneOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (!PrunePolicies.TryParseList(options.Policies, out _, out var policyError))
        {
            failures.Add($"Prune:Policies (environment Prune__Policies): {policyError}.");
        }

        if (options.ClockSkewMargin < TimeSpan.Zero || options.ClockSkewMargin > TimeSpan.FromDays(1))
        {
            failures.Add(Invalid("ClockSkewMargin", options.ClockSkewMargin, "between 00:00:00 and 1.00:00:00 (e.g. 00:05:00)"));
        }

        if (options.OrphanGracePeriod < TimeSpan.Zero)
        {
            failures.Add(Invalid("OrphanGracePeriod", options.OrphanGracePeriod, "zero or positive (e.g. 01:00:00)"));
        }

        if (options.FailedRetention < TimeSpan.Zero)
        {
            failures.Add(Invalid("FailedRetention", options.FailedRetention, "zero or positive (ECI keeps a failed cache 1.00:00:00)"));
        }

        if (options.UnusedAfterDays is < 1 or > 65536)
        {
            failures.Add(Invalid("UnusedAfterDays", options.UnusedAfterDays, "between 1 and 65536"));
        }

        if (options.MaxDeletionsPerRun < 0)
        {
            failures.Add(Invalid("MaxDeletionsPerRun", options.MaxDeletionsPerRun, "zero or positive"));
        }

        if (double.IsNaN(options.MaxDeletionFraction) || options.MaxDeletionFraction <= 0 || options.MaxDeletionFraction > 1)
        {
            failures.Add(Invalid("MaxDeletionFraction", options.MaxDeletionFraction, "greater than 0 and at most 1 (e.g. 0.25)"));
        }

        if (options.FractionCapFloor < 0)
        {
            failures.Add(Invalid("FractionCapFloor", options.FractionCapFloor, "zero or positive"));
        }

        if (options.MaxCappedWarningEvents < 0)
        {
            failures.Add(Invalid("MaxCappedWarningEvents", options.MaxCappedWarningEvents, "zero or positive"));
        }

        if (options.TimeBudget <= TimeSpan.Zero)
        {
            failures.Add(Invalid("TimeBudget", options.TimeBudget, "positive (e.g. 00:04:00)"));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string Invalid(string key, object value, string expected) =>
        string.Create(CultureInfo.InvariantCulture, $"Prune:{key} (environment Prune__{key}) must be {expected}, not {value}.");
}
