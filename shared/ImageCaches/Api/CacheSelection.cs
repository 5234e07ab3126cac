using System.Globalization;
using ImageCacheFunctions.ImageCaches.Resources;

namespace ImageCacheFunctions.ImageCaches.Api;

/// <summary>
/// What a pod's annotations ask of ECI, both generations read (<see cref="PodAnnotations"/>).
/// The ECI documentation: "If you add the k8s.aliyun.com/eci-image-snapshot-id and
/// k8s.aliyun.com/eci-image-cache annotations at the same time, the former takes precedence",
/// and the current documentation says the same of eci-imc-id over eci-auto-imc: an explicit id
/// wins over automatic match.
/// </summary>
/// <param name="Mode">What ECI does for this pod.</param>
/// <param name="ExplicitId">The cache id named, when any.</param>
/// <param name="ExplicitAnnotation">The annotation <see cref="ExplicitId"/> comes from.</param>
/// <param name="AutoMatchAnnotation">The annotation that asks for (or switches off) automatic match, when any.</param>
/// <param name="AutoMatchRequested">Automatic match is asked for ("true").</param>
/// <param name="ExplicitWins">Both an id and automatic match are asked for: the id is used.</param>
/// <param name="Generation">Which annotation generation the pod uses.</param>
/// <param name="Requirements">The pod's perfect-match / match-count conditions on automatic match.</param>
/// <param name="Notes">Things a person should know (conflicting or malformed values), one sentence each.</param>
public sealed record CacheSelection(
    CacheSelectionMode Mode,
    string? ExplicitId,
    string? ExplicitAnnotation,
    string? AutoMatchAnnotation,
    bool AutoMatchRequested,
    bool ExplicitWins,
    AnnotationGeneration Generation,
    MatchRequirements Requirements,
    IReadOnlyList<string> Notes)
{
    private static readonly string[] DocumentationKeys = [PodAnnotations.ImageSnapshotId, PodAnnotations.AutoMatchImageCache];
    private static readonly string[] CurrentKeys = [PodAnnotations.ImageCacheId, PodAnnotations.AutoImageCache, MatchAnnotations.PerfectMatch, MatchAnnotations.MatchCountRequest];

    /// <summary>Every annotation key that selects or tunes an image cache (both generations).</summary>
    public static IReadOnlyList<string> AllKeys { get; } = [.. DocumentationKeys, .. CurrentKeys];

    /// <summary>Reads a pod's (or pod template's) metadata.annotations; null means none.</summary>
    public static CacheSelection Read(IReadOnlyDictionary<string, string>? annotations)
    {
        annotations ??= new Dictionary<string, string>();
        var notes = new List<string>();

        var documentationId = Value(annotations, PodAnnotations.ImageSnapshotId);
        var currentId = Value(annotations, PodAnnotations.ImageCacheId);
        string? explicitId = null;
        string? explicitAnnotation = null;
        if (currentId is not null)
        {
            (explicitId, explicitAnnotation) = (currentId, PodAnnotations.ImageCacheId);
        }

        if (documentationId is not null)
        {
            if (explicitId is not null && !string.Equals(explicitId, documentationId, StringComparison.Ordinal))
            {
                notes.Add($"{PodAnnotations.ImageSnapshotId} ({documentationId}) and {PodAnnotations.ImageCacheId} ({explicitId}) name different caches; "
                    + $"which one ECI uses depends on the virtual node's version: keep one. Reported here: {explicitId}.");
            }

            if (explicitId is null)
            {
                (explicitId, explicitAnnotation) = (documentationId, PodAnnotations.ImageSnapshotId);
            }
        }

        var (autoRequested, autoAnnotation) = ReadAutoMatch(annotations, notes);
        var requirements = ReadRequirements(annotations, notes);

        var generation = GenerationOf(annotations);
        var mode = explicitId is not null ? CacheSelectionMode.Explicit
            : autoRequested ? CacheSelectionMode.AutoMatch
            : CacheSelectionMode.None;

        return new CacheSelection(
            mode,
            explicitId,
            explicitAnnotation,
            autoAnnotation,
            autoRequested,
            ExplicitWins: explicitId is not null && autoRequested,
            generation,
            requirements,
            notes);
    }

    private static (bool Requested, string? Annotation) ReadAutoMatch(IReadOnlyDictionary<string, string> annotations, List<string> notes)
    {
        bool? documentation = Flag(annotations, PodAnnotations.AutoMatchImageCache, notes);
        bool? current = Flag(annotations, PodAnnotations.AutoImageCache, notes);
        if (documentation is { } d && current is { } c && d != c)
        {
            notes.Add($"{PodAnnotations.AutoMatchImageCache} is \"{(d ? "true" : "false")}\" and {PodAnnotations.AutoImageCache} is \"{(c ? "true" : "false")}\"; "
                + "they disagree: keep one.");
        }

        // Either generation asking for it is taken as asking (the virtual node reads its own generation).
        if (current == true)
        {
            return (true, PodAnnotations.AutoImageCache);
        }

        if (documentation == true)
        {
            return (true, PodAnnotations.AutoMatchImageCache);
        }

        return (false, current is not null ? PodAnnotations.AutoImageCache : documentation is not null ? PodAnnotations.AutoMatchImageCache : null);
    }

    private static MatchRequirements ReadRequirements(IReadOnlyDictionary<string, string> annotations, List<string> notes)
    {
        var perfect = Flag(annotations, MatchAnnotations.PerfectMatch, notes) == true;
        int? minimum = null;
        if (Value(annotations, MatchAnnotations.MatchCountRequest) is { } count)
        {
            if (int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed >= 1)
            {
                minimum = parsed;
            }
            else
            {
                notes.Add($"{MatchAnnotations.MatchCountRequest} is \"{Shorten(count)}\", not a whole number of at least 1; it is ignored here.");
            }
        }

        if (perfect && minimum is not null)
        {
            notes.Add($"{MatchAnnotations.PerfectMatch} and {MatchAnnotations.MatchCountRequest} are both set; the ECI documentation gives {MatchAnnotations.PerfectMatch} precedence.");
            minimum = null;
        }

        return perfect || minimum is not null ? new MatchRequirements(perfect, minimum) : MatchRequirements.None;
    }

    private static AnnotationGeneration GenerationOf(IReadOnlyDictionary<string, string> annotations)
    {
        var documentation = DocumentationKeys.Any(annotations.ContainsKey);
        var current = CurrentKeys.Any(annotations.ContainsKey);
        return (documentation, current) switch
        {
            (true, true) => AnnotationGeneration.Both,
            (true, false) => AnnotationGeneration.Documentation,
            (false, true) => AnnotationGeneration.Current,
            _ => AnnotationGeneration.None,
        };
    }

    private static string? Value(IReadOnlyDictionary<string, string> annotations, string key) =>
        annotations.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static bool? Flag(IReadOnlyDictionary<string, string> annotations, string key, List<string> notes)
    {
        if (Value(annotations, key) is not { } value)
        {
            return null;
        }

        if (bool.TryParse(value, out var flag))
        {
            return flag;
        }

        notes.Add($"{key} is \"{Shorten(value)}\"; only \"true\" and \"false\" mean anything.");
        return null;
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..37] + "...";
}
