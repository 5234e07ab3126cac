using System.Text.RegularExpressions;

namespace ImageCacheFunctions.ImageCaches.Images;

/// <summary>
/// Registry host names: validation per the distribution reference grammar and the canonical
/// form used to decide whether two hosts serve the same repositories.
/// </summary>
/// <remarks>
/// Aliases folded by <see cref="Canonical"/> (besides lower-casing, since DNS names are
/// case-insensitive):
/// <list type="bullet">
/// <item><c>index.docker.io</c>, <c>registry-1.docker.io</c> → <c>docker.io</c>.</item>
/// <item>Alibaba ACR personal edition: <c>registry-vpc.R.aliyuncs.com</c>,
/// <c>registry-internal.R.aliyuncs.com</c> (classic network), <c>registry-intl.R.aliyuncs.com</c>
/// and <c>registry-intl-vpc.R.aliyuncs.com</c> → <c>registry.R.aliyuncs.com</c>. They are
/// network endpoints of the one personal-edition registry of region R (the -intl names are the
/// international site's), so a push seen under one name refreshes caches that pull through
/// another. Folding a pair that were in fact distinct would cost one needless refresh; not
/// folding a real alias would miss a refresh, so the fold errs on the side of refreshing.</item>
/// <item>Alibaba ACR Personal Edition instances created since 9 September 2024:
/// <c>crpi-I-vpc.R.personal.cr.aliyuncs.com</c> → <c>crpi-I.R.personal.cr.aliyuncs.com</c>
/// (Alibaba: "The new endpoint follows the pattern
/// crpi-&lt;instance-id&gt;[-vpc].&lt;region-id&gt;.personal.cr.aliyuncs.com", help/en/acr/user-guide/
/// individual-edition-instance-independent-domain-name-capacity-limit). Such an instance is not
/// the region's classic registry, so it is not folded into <c>registry.R.aliyuncs.com</c>.</item>
/// <item>Alibaba ACR Enterprise Edition: <c>I-registry-vpc.R.cr.aliyuncs.com</c> →
/// <c>I-registry.R.cr.aliyuncs.com</c> (instance I's public and VPC endpoints).</item>
/// </list>
/// Custom domains of an Enterprise Edition instance are configuration, not a pattern: a webhook
/// source lists them (<c>aliases</c>) and a push is looked up under each.
/// </remarks>
public static partial class RegistryHost
{
    /// <summary>The Docker Hub registry as references name it.</summary>
    public const string DockerHub = "docker.io";

    /// <summary>Repository prefix of Docker Hub's official images (<c>nginx</c> = <c>library/nginx</c>).</summary>
    public const string OfficialRepositoryPrefix = "library/";

    /// <summary>
    /// Folds the Docker Hub aliases to <c>docker.io</c>; the only fold applied when parsing,
    /// as the distribution reference library does. Other aliases stay as written.
    /// </summary>
    public static string FoldDockerHub(string host) =>
        host.Equals("index.docker.io", StringComparison.OrdinalIgnoreCase)
        || host.Equals("registry-1.docker.io", StringComparison.OrdinalIgnoreCase)
        || host.Equals(DockerHub, StringComparison.OrdinalIgnoreCase)
            ? DockerHub
            : host;

    /// <summary>The canonical host: lower case, every alias listed in the remarks folded.</summary>
    public static string Canonical(string host)
    {
        var lower = FoldDockerHub(host).ToLowerInvariant();
        var personal = AcrPersonalHost().Match(lower);
        if (personal.Success)
        {
            return $"registry.{personal.Groups["region"].Value}.aliyuncs.com{personal.Groups["port"].Value}";
        }

        var instance = AcrPersonalInstanceHost().Match(lower);
        if (instance.Success)
        {
            return $"crpi-{instance.Groups["instance"].Value}.{instance.Groups["region"].Value}.personal.cr.aliyuncs.com{instance.Groups["port"].Value}";
        }

        var enterprise = AcrEnterpriseHost().Match(lower);
        if (enterprise.Success)
        {
            return $"{enterprise.Groups["instance"].Value}-registry.{enterprise.Groups["region"].Value}.cr.aliyuncs.com{enterprise.Groups["port"].Value}";
        }

        return lower;
    }

    /// <summary>
    /// True when <paramref name="host"/> is a valid <c>host[:port]</c>: a domain name, an IPv4
    /// address or a bracketed IPv6 address, and an optional decimal port.
    /// </summary>
    public static bool IsValid(string host) => host.Length is > 0 and <= 255 && HostGrammar().IsMatch(host);

    /// <summary>
    /// True when a reference written <c>first/path</c> is read with <paramref name="firstComponent"/> as its
    /// registry (distribution's rule): it contains '.' or ':', is <c>localhost</c>, or has an
    /// upper-case letter (repository names cannot). A host failing this cannot be referenced.
    /// </summary>
    public static bool IsRecognisedAsRegistry(string firstComponent) =>
        firstComponent == "localhost"
        || firstComponent.Contains('.', StringComparison.Ordinal)
        || firstComponent.Contains(':', StringComparison.Ordinal)
        || firstComponent.Any(char.IsAsciiLetterUpper);

    // domain-component := [a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]; ipv6 := \[[a-fA-F0-9:]+\]
    [GeneratedRegex(@"^(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\[[a-fA-F0-9:]+\])(?::[0-9]{1,5})?$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex HostGrammar();

    [GeneratedRegex(@"^registry(?:-vpc|-internal|-intl|-intl-vpc)?\.(?<region>[a-z0-9-]+)\.aliyuncs\.com(?<port>:[0-9]+)?$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex AcrPersonalHost();

    // crpi-<instance-id>[-vpc].<region-id>.personal.cr.aliyuncs.com; the lazy id leaves "-vpc" to the suffix.
    [GeneratedRegex(@"^crpi-(?<instance>[a-z0-9][a-z0-9-]*?)(?:-vpc)?\.(?<region>[a-z0-9-]+)\.personal\.cr\.aliyuncs\.com(?<port>:[0-9]+)?$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex AcrPersonalInstanceHost();

    [GeneratedRegex(@"^(?<instance>[a-z0-9][a-z0-9-]*?)-registry(?:-vpc)?\.(?<region>[a-z0-9-]+)\.cr\.aliyuncs\.com(?<port>:[0-9]+)?$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex AcrEnterpriseHost();
}
