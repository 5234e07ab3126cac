using ImageCacheFunctions.ImageCaches.Text;
using System.Collections.Specialized;
using ImageCacheFunctions.ImageCaches.Prune;

namespace ImageCacheFunctions.ImageCaches.Operations.Prune;

/// <summary>
/// Reads the HTTP query of <c>POST /function/prune-expired</c>: <c>dryRun</c> (true/false, 1/0,
/// or present without a value for true) and <c>policy</c> (comma-separated policy names). Anything
/// else, a repeated or unreadable parameter, or an unknown policy is refused with a message that
/// says what was wrong; nothing is done then.
/// </summary>
public static class PruneQuery
{
    public const string DryRunParameter = "dryRun";
    public const string PolicyParameter = "policy";

    public static bool TryParse(NameValueCollection query, out PruneRequest request, out string? error)
    {
        ArgumentNullException.ThrowIfNull(query);
        request = new PruneRequest();
        bool? dryRun = null;
        IReadOnlySet<PrunePolicy>? policies = null;

        foreach (var key in query.AllKeys)
        {
            var values = query.GetValues(key) ?? [];
            if (key is null)
            {
                // "?true" or "?dryRun" without "=": NameValueCollection files bare words under a null key.
                foreach (var bare in values)
                {
                    if (string.Equals(bare, DryRunParameter, StringComparison.OrdinalIgnoreCase) && dryRun is null)
                    {
                        dryRun = true;
                        continue;
                    }

                    error = $"unknown query parameter '{BoundedText.Quote(bare)}'; accepted: {DryRunParameter}, {PolicyParameter}";
                    return false;
                }

                continue;
            }

            if (values.Length != 1)
            {
                error = $"query parameter '{BoundedText.Quote(key)}' is given {values.Length} times; give it once";
                return false;
            }

            var value = values[0];
            if (string.Equals(key, DryRunParameter, StringComparison.OrdinalIgnoreCase))
            {
                if (dryRun is not null)
                {
                    error = $"query parameter '{DryRunParameter}' is given more than once";
                    return false;
                }

                if (!TryParseBool(value, out var parsed))
                {
                    error = $"query parameter '{DryRunParameter}' must be true or false, not '{BoundedText.Quote(value)}'";
                    return false;
                }

                dryRun = parsed;
            }
            else if (string.Equals(key, PolicyParameter, StringComparison.OrdinalIgnoreCase))
            {
                if (policies is not null)
                {
                    error = $"query parameter '{PolicyParameter}' is given more than once";
                    return false;
                }

                if (!PrunePolicies.TryParseList(value, out var parsed, out var policyError))
                {
                    error = $"query parameter '{PolicyParameter}': {policyError}";
                    return false;
                }

                policies = parsed;
            }
            else
            {
                error = $"unknown query parameter '{BoundedText.Quote(key)}'; accepted: {DryRunParameter}, {PolicyParameter}";
                return false;
            }
        }

        request = new PruneRequest(dryRun, policies, "http");
        error = null;
        return true;
    }

    private static bool TryParseBool(string? value, out bool parsed)
    {
        switch (value?.Trim().ToUpperInvariant())
        {
            case "" or null or "TRUE" or "1":
                parsed = true;
                return true;
            case "FALSE" or "0":
                parsed = false;
                return true;
            default:
                parsed = false;
                return false;
        }
    }
}
