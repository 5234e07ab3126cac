using System.Collections.Frozen;

namespace ImageCacheFunctions.ImageCaches.Prune;

/// <summary>Names of the policies on the wire (query string, report, configuration) and their parsing.</summary>
public static class PrunePolicies
{
    /// <summary>Every policy, in evaluation order.</summary>
    public static IReadOnlyList<PrunePolicy> All { get; } = [PrunePolicy.Orphan, PrunePolicy.Failed, PrunePolicy.Expired, PrunePolicy.Unused];

    private static readonly FrozenDictionary<string, PrunePolicy> ByName =
        All.ToFrozenDictionary(NameOf, StringComparer.OrdinalIgnoreCase);

    /// <summary>The lower-case wire name: <c>orphan</c>, <c>failed</c>, <c>expired</c>, <c>unused</c>.</summary>
    public static string NameOf(PrunePolicy policy) => policy switch
    {
        PrunePolicy.Orphan => "orphan",
        PrunePolicy.Failed => "failed",
        PrunePolicy.Expired => "expired",
        PrunePolicy.Unused => "unused",
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "unknown prune policy"),
    };

    /// <summary>One name (case-insensitive).</summary>
    public static bool TryParse(string? name, out PrunePolicy policy) =>
        ByName.TryGetValue(name?.Trim() ?? string.Empty, out policy);

    /// <summary>
    /// A comma-separated list such as <c>expired,failed</c>. Empty entries are ignored; an unknown
    /// name or an empty list is an error that names the accepted values.
    /// </summary>
    public static bool TryParseList(string? text, out IReadOnlySet<PrunePolicy> policies, out string? error)
    {
        var parsed = new HashSet<PrunePolicy>();
        foreach (var part in (text ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!TryParse(part, out var policy))
            {
                policies = parsed;
                error = $"unknown prune policy '{Truncate(part)}'; expected a comma-separated list of {string.Join(", ", All.Select(NameOf))}";
                return false;
            }

            parsed.Add(policy);
        }

        policies = parsed;
        if (parsed.Count == 0)
        {
            error = $"no prune policy given; expected a comma-separated list of {string.Join(", ", All.Select(NameOf))}";
            return false;
        }

        error = null;
        return true;
    }

    // Echo only a short prefix of what the caller sent.
    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
