using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace ImageCacheFunctions.Eci;

/// <summary>Checks <see cref="EciClientOptions"/> at start-up, one clear message per problem.</summary>
public sealed partial class EciClientOptionsValidator : IValidateOptions<EciClientOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, EciClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.RegionId))
        {
            failures.Add("Eci:RegionId is required (for example cn-hangzhou).");
        }
        else if (!RegionPattern().IsMatch(options.RegionId))
        {
            failures.Add($"Eci:RegionId '{options.RegionId}' is not a region ID (expected something like cn-hangzhou).");
        }

        if (options.Endpoint is not null)
        {
            string? endpointError = EciEndpoints.Check(options.Endpoint, options.AllowInsecureHttp, "Eci:Endpoint");
            if (endpointError is not null)
            {
                failures.Add(endpointError);
            }
        }

        if (options.AttemptTimeout <= TimeSpan.Zero)
        {
            failures.Add("Eci:AttemptTimeout must be positive.");
        }

        if (options.TotalTimeout < options.AttemptTimeout)
        {
            failures.Add("Eci:TotalTimeout must be at least Eci:AttemptTimeout.");
        }

        if (options.MaxRetryAttempts is < 0 or > 10)
        {
            failures.Add("Eci:MaxRetryAttempts must be between 0 and 10.");
        }

        if (options.RetryBaseDelay < TimeSpan.Zero)
        {
            failures.Add("Eci:RetryBaseDelay must not be negative.");
        }


        if (!Enum.IsDefined(options.SignatureMethod))
        {
            failures.Add($"Eci:SignatureMethod '{options.SignatureMethod}' is not supported.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Validates and throws <see cref="OptionsValidationException"/> listing every failure.</summary>
    /// <param name="options">The options to check.</param>
    public static void ThrowIfInvalid(EciClientOptions options)
    {
        var result = new EciClientOptionsValidator().Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(EciClientOptions), result.Failures);
        }
    }

    [GeneratedRegex("^[a-z]{2,}(-[a-z0-9]+)+$", RegexOptions.CultureInvariant)]
    private static partial Regex RegionPattern();
}
