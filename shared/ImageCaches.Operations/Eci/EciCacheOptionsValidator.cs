using Microsoft.Extensions.Options;

namespace ImageCacheFunctions.ImageCaches.Operations.Eci;

/// <summary>Checks <see cref="EciCacheOptions"/> at start-up, one clear message per problem.</summary>
public sealed class EciCacheOptionsValidator : IValidateOptions<EciCacheOptions>
{
    public ValidateOptionsResult Validate(string? name, EciCacheOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.VSwitchId))
        {
            failures.Add("Eci:VSwitchId is required (environment Eci__VSwitchId): the vSwitch ECI builds image caches in, e.g. vsw-2zeh4abcd1234.");
        }

        if (string.IsNullOrWhiteSpace(options.SecurityGroupId))
        {
            failures.Add("Eci:SecurityGroupId is required (environment Eci__SecurityGroupId): the security group of the instance that builds a cache, e.g. sg-2ze1abcd1234.");
        }

        if (!Enum.IsDefined(options.RecreatePolicy))
        {
            failures.Add($"Eci:RecreatePolicy '{options.RecreatePolicy}' is not one of Recreate, ReportOnly.");
        }

        if (options.PageSize is < 1 or > 100)
        {
            failures.Add($"Eci:PageSize must be between 1 and 100 (DescribeImageCaches' limit), not {options.PageSize}.");
        }

        if (options.Concurrency is < 1 or > 64)
        {
            failures.Add($"Eci:Concurrency must be between 1 and 64, not {options.Concurrency}.");
        }

        if (options.TimeBudget <= TimeSpan.Zero)
        {
            failures.Add($"Eci:TimeBudget must be positive (e.g. 00:01:30), not {options.TimeBudget}.");
        }

        if (options.MaxStatusEvents is < 1 or > 1000)
        {
            failures.Add($"Eci:MaxStatusEvents must be between 1 and 1000, not {options.MaxStatusEvents}.");
        }

        if (options.Sizing.Factor is < 1 or > 100 || double.IsNaN(options.Sizing.Factor))
        {
            failures.Add($"Eci:Sizing:Factor must be between 1 and 100 (a multiple of the images' compressed size), not {options.Sizing.Factor}.");
        }

        if (options.Sizing.MinimumGiB is < 20 or > 32768)
        {
            failures.Add($"Eci:Sizing:MinimumGiB must be between 20 and 32768 (ECI's limits), not {options.Sizing.MinimumGiB}.");
        }

        if (options.Sizing.Timeout <= TimeSpan.Zero || options.Sizing.Timeout > TimeSpan.FromMinutes(1))
        {
            failures.Add($"Eci:Sizing:Timeout must be positive and at most 00:01:00, not {options.Sizing.Timeout}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
