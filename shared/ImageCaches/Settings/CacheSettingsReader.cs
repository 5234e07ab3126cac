using System.Globalization;
using System.Text.RegularExpressions;
using ImageCacheFunctions.ImageCaches.Text;

namespace ImageCacheFunctions.ImageCaches.Settings;

/// <summary>
/// Reads an ImageCache's annotations into <see cref="CacheSettings"/>, with the documented names
/// and value formats (docs/annotations.md), falling back to the configured defaults. The one
/// parser: admission, reconcile and the status all use it, so a value admission refuses is the
/// value reconcile refuses. No I/O.
/// </summary>
public static partial class CacheSettingsReader
{
    /// <summary>Longest annotation value read; longer ones are refused unread.</summary>
    public const int MaxValueLength = 2048;

    /// <summary>ECI takes at most 10 vSwitch IDs (CreateImageCache, <c>VSwitchId</c>).</summary>
    public const int MaxVSwitches = 10;

    /// <summary>At most this many ACR instances or registries in one list.</summary>
    public const int MaxListEntries = 20;

    /// <summary>Reads <paramref name="annotations"/>.</summary>
    /// <param name="annotations">metadata.annotations (null when none).</param>
    /// <param name="defaults">The configured defaults.</param>
    /// <returns>The settings, and one problem per wrong annotation (then the settings are not to be used).</returns>
    public static CacheSettingsReading Read(IDictionary<string, string>? annotations, CacheSettingDefaults defaults)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        var problems = new List<AnnotationProblem>();
        string? Get(string name)
        {
            if (annotations is null || !annotations.TryGetValue(name, out var value))
            {
                return null;
            }

            if (value is null || value.Length > MaxValueLength)
            {
                problems.Add(new AnnotationProblem(name, $"Invalid value: at most {MaxValueLength} characters"));
                return null;
            }

            value = value.Trim();
            return value.Length == 0 ? null : value;
        }

        var vSwitches = List(Get(ImageCacheAnnotations.VSwitchIds), ImageCacheAnnotations.VSwitchIds, VSwitchPattern(), "vsw-bp1dktddjsg5nktv****", MaxVSwitches, problems)
            ?? Canonical(defaults.VSwitchIds);
        var acr = Acr(Get(ImageCacheAnnotations.AcrInstanceIds), defaults.RegionId, problems);
        var serviceArns = Arns(Get(ImageCacheAnnotations.AcrServiceArns), ImageCacheAnnotations.AcrServiceArns, acr, problems);
        var userArns = Arns(Get(ImageCacheAnnotations.AcrUserArns), ImageCacheAnnotations.AcrUserArns, acr, problems);

        var settings = new CacheSettings
        {
            VSwitchIds = vSwitches,
            SecurityGroupId = One(Get(ImageCacheAnnotations.SecurityGroupId), ImageCacheAnnotations.SecurityGroupId, SecurityGroupPattern(), "sg-bp1dktddjsg5nktv****", problems) ?? Blank(defaults.SecurityGroupId),
            ResourceGroupId = One(Get(ImageCacheAnnotations.ResourceGroupId), ImageCacheAnnotations.ResourceGroupId, ResourceGroupPattern(), "rg-aek2z3elfs4****", problems) ?? Blank(defaults.ResourceGroupId),
            AcrInstanceIds = acr,
            AcrServiceArns = serviceArns,
            AcrUserArns = userArns,
            PlainHttpRegistry = List(Get(ImageCacheAnnotations.PlainHttpRegistry), ImageCacheAnnotations.PlainHttpRegistry, RegistryPattern(), "harbor.example.com,192.168.1.10:5000", MaxListEntries, problems),
            InsecureRegistry = List(Get(ImageCacheAnnotations.InsecureRegistry), ImageCacheAnnotations.InsecureRegistry, RegistryPattern(), "harbor.example.com,192.168.1.10:5000", MaxListEntries, problems),
            EnableReuse = Bool(Get(ImageCacheAnnotations.EnableReuse), ImageCacheAnnotations.EnableReuse, problems) ?? defaults.AutoMatchImageCache,
            Flash = Bool(Get(ImageCacheAnnotations.EnableFlash), ImageCacheAnnotations.EnableFlash, problems),
            CpuArch = Choice(Get(ImageCacheAnnotations.CpuArch), ImageCacheAnnotations.CpuArch, ["amd64", "arm64"], problems),
            OsType = Choice(Get(ImageCacheAnnotations.OsType), ImageCacheAnnotations.OsType, ["linux", "windows"], problems),
            ZoneId = One(Get(ImageCacheAnnotations.ZoneId), ImageCacheAnnotations.ZoneId, ZonePattern(), "cn-hangzhou-g", problems) ?? Blank(defaults.ZoneId),
            EipInstanceId = One(Get(ImageCacheAnnotations.EipInstanceId), ImageCacheAnnotations.EipInstanceId, EipPattern(), "eip-2zedsm5mfl3uhdj2d****", problems) ?? Blank(defaults.EipInstanceId),
            FlashCopyCount = Count(Get(ImageCacheAnnotations.FlashCopyCount), ImageCacheAnnotations.FlashCopyCount, problems),
            StandardCopyCount = Count(Get(ImageCacheAnnotations.StandardCopyCount), ImageCacheAnnotations.StandardCopyCount, problems),
            EliminationStrategy = Choice(Get(ImageCacheAnnotations.EliminationStrategy)?.ToUpperInvariant(), ImageCacheAnnotations.EliminationStrategy, ["LRU"], problems),
        };

        if (settings.FlashCopyCount is not null && settings.Flash != true)
        {
            problems.Add(new AnnotationProblem(ImageCacheAnnotations.FlashCopyCount, $"Invalid value: local snapshot copies need {ImageCacheAnnotations.EnableFlash}: \"true\""));
        }

        return new CacheSettingsReading(settings, problems);
    }

    private static string? One(string? value, string name, Regex pattern, string example, List<AnnotationProblem> problems)
    {
        if (value is null)
        {
            return null;
        }

        if (pattern.IsMatch(value))
        {
            return value;
        }

        problems.Add(new AnnotationProblem(name, $"Invalid value: \"{Shorten(value)}\": expected an ID like \"{example}\""));
        return null;
    }

    private static string? List(string? value, string name, Regex pattern, string example, int max, List<AnnotationProblem> problems)
    {
        if (value is null)
        {
            return null;
        }

        var entries = CacheSettings.Split(value).ToList();
        var wrong = entries.FirstOrDefault(e => !pattern.IsMatch(e));
        if (entries.Count == 0 || wrong is not null)
        {
            problems.Add(new AnnotationProblem(name, $"Invalid value: \"{Shorten(wrong ?? value)}\": expected a comma-separated list like \"{example}\""));
            return null;
        }

        if (entries.Count > max)
        {
            problems.Add(new AnnotationProblem(name, $"Invalid value: {entries.Count} entries: at most {max}"));
            return null;
        }

        if (entries.Distinct(StringComparer.Ordinal).Count() != entries.Count)
        {
            problems.Add(new AnnotationProblem(name, "Invalid value: an entry is listed twice"));
            return null;
        }

        return string.Join(',', entries);
    }

    private static string? Acr(string? value, string? defaultRegion, List<AnnotationProblem> problems)
    {
        var listed = List(value, ImageCacheAnnotations.AcrInstanceIds, AcrInstancePattern(), "cri-j36zhodptmyq****,cn-beijing:cri-j36zhodptmyq****", MaxListEntries, problems);
        if (listed is null)
        {
            return null;
        }

        // Canonical form names the region, so moving the functions to another region is a change.
        return string.Join(',', CacheSettings.Split(listed).Select(e => e.Contains(':', StringComparison.Ordinal) ? e : $"{defaultRegion ?? ""}:{e}"));
    }

    private static string? Arns(string? value, string name, string? acr, List<AnnotationProblem> problems)
    {
        var listed = List(value, name, RoleArnPattern(), "acs:ram::1609982529******:role/role-assume", MaxListEntries, problems);
        if (listed is null)
        {
            return null;
        }

        var instances = CacheSettings.Split(acr).Count();
        var arns = CacheSettings.Split(listed).Count();
        if (instances == 0)
        {
            problems.Add(new AnnotationProblem(name, $"Invalid value: role ARNs apply to the instances of {ImageCacheAnnotations.AcrInstanceIds}, which is not set"));
            return null;
        }

        if (arns != 1 && arns != instances)
        {
            problems.Add(new AnnotationProblem(name, $"Invalid value: {arns} ARNs for {instances} ACR instances: give one for all, or one per instance in the same order"));
            return null;
        }

        return listed;
    }

    private static bool? Bool(string? value, string name, List<AnnotationProblem> problems)
    {
        if (value is null)
        {
            return null;
        }

        if (bool.TryParse(value, out var b))
        {
            return b;
        }

        problems.Add(new AnnotationProblem(name, $"Invalid value: \"{Shorten(value)}\": supported values: \"true\", \"false\""));
        return null;
    }

    private static string? Choice(string? value, string name, string[] allowed, List<AnnotationProblem> problems)
    {
        if (value is null)
        {
            return null;
        }

        var match = allowed.FirstOrDefault(a => string.Equals(a, value, StringComparison.OrdinalIgnoreCase));
        if (match is not null)
        {
            return match;
        }

        problems.Add(new AnnotationProblem(name, $"Unsupported value: \"{Shorten(value)}\": supported values: {string.Join(", ", allowed.Select(a => $"\"{a}\""))}"));
        return null;
    }

    private static int? Count(string? value, string name, List<AnnotationProblem> problems)
    {
        if (value is null)
        {
            return null;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 100)
        {
            return n;
        }

        problems.Add(new AnnotationProblem(name, $"Invalid value: \"{Shorten(value)}\": must be a whole number from 1 to 100"));
        return null;
    }

    private static string? Canonical(string? list) => Blank(list) is { } l ? string.Join(',', CacheSettings.Split(l)) : null;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Shorten(string value) => BoundedText.Quote(value);

    [GeneratedRegex("^vsw-[0-9a-z]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex VSwitchPattern();

    [GeneratedRegex("^sg-[0-9a-z]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex SecurityGroupPattern();

    [GeneratedRegex("^rg-[0-9a-z]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex ResourceGroupPattern();

    [GeneratedRegex("^eip-[0-9a-z]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex EipPattern();

    // cn-hangzhou-g, ap-southeast-1a, cn-beijing-finance-1-a
    [GeneratedRegex("^[a-z]{2,10}(-[a-z0-9]{1,20}){1,4}$", RegexOptions.CultureInvariant)]
    private static partial Regex ZonePattern();

    // cri-j36zhodptmyq1234 or cn-beijing:cri-j36zhodptmyq1234
    [GeneratedRegex("^([a-z]{2,10}(-[a-z0-9]{1,20}){1,3}:)?cri-[0-9a-z]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex AcrInstancePattern();

    [GeneratedRegex("^acs:ram::[0-9]{1,20}:role/[A-Za-z0-9._-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex RoleArnPattern();

    // host or IPv4, optional :port (the documentation's "harbor***.pre.com,192.168.XX.XX:5000,reg***.test.com:80")
    [GeneratedRegex(@"^(?=.{1,253}(:|$))[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*(:[0-9]{1,5})?$", RegexOptions.CultureInvariant)]
    private static partial Regex RegistryPattern();
}

/// <summary>What <see cref="CacheSettingsReader.Read"/> found.</summary>
/// <param name="Settings">The settings (not to be used when there are problems).</param>
/// <param name="Problems">One per wrong annotation.</param>
public sealed record CacheSettingsReading(CacheSettings Settings, IReadOnlyList<AnnotationProblem> Problems)
{
    /// <summary>No problems.</summary>
    public bool IsValid => Problems.Count == 0;

    /// <summary>The problems in one line, for a condition message.</summary>
    public string Describe() => string.Join("; ", Problems.Select(p => p.ToString()));
}
