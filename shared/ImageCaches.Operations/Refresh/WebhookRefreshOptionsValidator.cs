using System.Globalization;
using ImageCacheFunctions.ImageCaches.Registries;
using Microsoft.Extensions.Options;

namespace ImageCacheFunctions.ImageCaches.Operations.Refresh;

/// <summary>
/// Checks section <c>Webhook</c> at start-up: the refresh settings, the auto-create rules and the
/// registry sources (secret files included), one message per problem, never a secret value.
/// </summary>
public sealed class WebhookRefreshOptionsValidator(WebhookSources sources) : IValidateOptions<WebhookRefreshOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookRefreshOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.TimeBudget <= TimeSpan.Zero || options.TimeBudget > TimeSpan.FromMinutes(1))
        {
            failures.Add(Invalid("TimeBudget", options.TimeBudget, "greater than 0 and at most 00:01:00 (senders wait 3 to 10 s; e.g. 00:00:02)"));
        }

        if (options.RetryAfter < TimeSpan.FromSeconds(1) || options.RetryAfter > TimeSpan.FromHours(1))
        {
            failures.Add(Invalid("RetryAfter", options.RetryAfter, "between 00:00:01 and 01:00:00"));
        }

        if (options.ReconcileTimeout < options.TimeBudget || options.ReconcileTimeout > TimeSpan.FromMinutes(10))
        {
            failures.Add(Invalid("ReconcileTimeout", options.ReconcileTimeout, "at least TimeBudget and at most 00:10:00"));
        }

        if (options.Concurrency is < 1 or > 64)
        {
            failures.Add(Invalid("Concurrency", options.Concurrency, "between 1 and 64"));
        }

        if (options.ReloadInterval < TimeSpan.FromSeconds(1) || options.ReloadInterval > TimeSpan.FromHours(1))
        {
            failures.Add(Invalid("ReloadInterval", options.ReloadInterval, "between 00:00:01 and 01:00:00"));
        }

        if (options.IndexMaxAge < TimeSpan.Zero || options.IndexMaxAge > TimeSpan.FromSeconds(30))
        {
            failures.Add(Invalid("IndexMaxAge", options.IndexMaxAge, "between 00:00:00 (list on every delivery) and 00:00:30"));
        }

        AutoCreateRules.Build(options, failures);

        try
        {
            _ = sources.Settings;
        }
        catch (WebhookConfigurationException e)
        {
            failures.Add(e.Message);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string Invalid(string key, object value, string expected) =>
        string.Create(CultureInfo.InvariantCulture, $"Webhook:{key} (environment Webhook__{key}) must be {expected}, not {value}.");
}
