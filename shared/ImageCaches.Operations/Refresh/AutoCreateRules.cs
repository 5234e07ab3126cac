using System.Globalization;
using ImageCacheFunctions.ImageCaches.AutoCreate;
using Microsoft.Extensions.Options;

namespace ImageCacheFunctions.ImageCaches.Operations.Refresh;

/// <summary>The configured auto-create rules, validated (<see cref="WebhookRefreshOptionsValidator"/> reports problems at start-up).</summary>
public sealed class AutoCreateRules
{
    public AutoCreateRules(IOptions<WebhookRefreshOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        Rules = Build(options.Value, errors);
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(WebhookRefreshOptions.SectionName, typeof(WebhookRefreshOptions), errors);
        }
    }

    public IReadOnlyList<AutoCreateRule> Rules { get; }

    /// <summary>Builds the rules, adding one message per problem to <paramref name="errors"/>.</summary>
    public static IReadOnlyList<AutoCreateRule> Build(WebhookRefreshOptions options, ICollection<string> errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(errors);
        var rules = new List<AutoCreateRule>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.AutoCreate.Count; i++)
        {
            var rule = options.AutoCreate[i];
            var where = string.Create(CultureInfo.InvariantCulture, $"Webhook:AutoCreate:{i} (environment Webhook__AutoCreate__{i}__…)");
            if (rule is null)
            {
                errors.Add($"{where}: the rule is empty");
                continue;
            }

            var name = string.IsNullOrWhiteSpace(rule.Name) ? string.Create(CultureInfo.InvariantCulture, $"rule-{i}") : rule.Name.Trim();
            var built = AutoCreateRule.Create(where, name, rule.Registry, rule.Repository, rule.Tag, rule.ImageCacheSize, rule.RetentionDays, rule.ImagePullSecrets, errors);
            if (built is null)
            {
                continue;
            }

            if (!names.Add(built.Name))
            {
                errors.Add($"{where}: Name '{built.Name}' is used by another rule");
                continue;
            }

            rules.Add(built);
        }

        return rules;
    }
}
