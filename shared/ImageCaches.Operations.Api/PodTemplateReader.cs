using ImageCacheFunctions.ImageCaches.Answers;
using System.Text.Json;
using ImageCacheFunctions.ImageCaches.Api;

namespace ImageCacheFunctions.ImageCaches.Operations.Api;

/// <summary>
/// Finds the pod template in a Kubernetes object: a Pod is its own template; Deployment,
/// StatefulSet, DaemonSet, ReplicaSet, ReplicationController and Job keep it at
/// <c>spec.template</c>, CronJob at <c>spec.jobTemplate.spec.template</c>, PodTemplate at <c>template</c>.
/// </summary>
public static class PodTemplateReader
{
    private static readonly Dictionary<string, string> TemplatePaths = new(StringComparer.Ordinal)
    {
        ["Pod"] = "",
        ["Deployment"] = "spec.template",
        ["StatefulSet"] = "spec.template",
        ["DaemonSet"] = "spec.template",
        ["ReplicaSet"] = "spec.template",
        ["ReplicationController"] = "spec.template",
        ["Job"] = "spec.template",
        ["CronJob"] = "spec.jobTemplate.spec.template",
        ["PodTemplate"] = "template",
    };

    /// <summary>The kinds that have a pod template.</summary>
    public static IReadOnlyCollection<string> Kinds => TemplatePaths.Keys;

    /// <summary>True when <paramref name="kind"/> has a pod template this reader knows.</summary>
    public static bool HasTemplate(string? kind) => kind is not null && TemplatePaths.ContainsKey(kind);

    /// <summary>Most bytes a pod's annotations take: Kubernetes' own limit (apimachinery's TotalAnnotationSizeLimitB, 256 KiB).</summary>
    public const int MaxAnnotationsBytes = 256 * 1024;

    /// <summary>The kind of a document (its <c>kind</c> string), if any.</summary>
    public static string? KindOf(JsonText? document) => document.Field("kind").StringValue();

    /// <summary>
    /// Reads the pod template of <paramref name="document"/>; problems name the fields at fault.
    /// More than <paramref name="maxContainers"/> containers is one problem, found before any of
    /// them is read.
    /// </summary>
    public static bool TryRead(JsonText? document, int maxContainers, out PodTemplate? template, out IReadOnlyList<FieldProblem> problems)
    {
        template = null;
        var found = new List<FieldProblem>();
        problems = found;
        if (!document.IsObject())
        {
            found.Add(new FieldProblem("(body)", "must be an object"));
            return false;
        }

        var kind = KindOf(document);
        if (kind is null || !TemplatePaths.TryGetValue(kind, out var path))
        {
            found.Add(new FieldProblem("kind", $"'{kind ?? "(none)"}' has no pod template; expected one of {string.Join(", ", TemplatePaths.Keys)}"));
            return false;
        }

        var metadata = document.Field("metadata");
        var templateObject = path.Length == 0 ? document : document.At(path);
        if (!templateObject.IsObject())
        {
            found.Add(new FieldProblem(path, "is missing: a " + kind + " needs a pod template"));
            return false;
        }

        var spec = templateObject.Field("spec");
        var specPath = Join(path, "spec");
        if (!spec.IsObject())
        {
            found.Add(new FieldProblem(specPath, "is missing"));
            return false;
        }

        // Counted only as far as the limit: tens of thousands of containers cost what the limit does.
        if (Count(spec.Field("initContainers"), maxContainers) + Count(spec.Field("containers"), maxContainers) > maxContainers)
        {
            found.Add(new FieldProblem(specPath, $"has more than {maxContainers} containers, more than are read"));
            return false;
        }

        var podAnnotations = ReadAnnotations(templateObject.At("metadata.annotations"), Join(path, "metadata.annotations"), found);
        IReadOnlyDictionary<string, string>? workloadAnnotations = kind == "Pod"
            ? null
            : ReadAnnotations(metadata.Field("annotations"), "metadata.annotations", found);

        var containers = new List<ContainerImage>();
        ReadContainers(spec, specPath, "initContainers", maxContainers, containers, found);
        ReadContainers(spec, specPath, "containers", maxContainers, containers, found);
        if (!containers.Any(c => c.Field.Contains(".containers[", StringComparison.Ordinal)) && found.Count == 0)
        {
            found.Add(new FieldProblem(Join(specPath, "containers"), "must list at least one container"));
        }

        if (found.Count > 0)
        {
            return false;
        }

        template = new PodTemplate(
            kind,
            metadata.Field("name").Text(),
            metadata.Field("namespace").Text(),
            path,
            podAnnotations,
            workloadAnnotations,
            containers);
        return true;
    }

    /// <summary>
    /// Reads an annotations object into a dictionary (values must be strings). Annotations over
    /// <see cref="MaxAnnotationsBytes"/> are one problem: the API server would refuse them anyway.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ReadAnnotations(JsonText? node, string field, List<FieldProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is null or { ValueKind: JsonValueKind.Null })
        {
            return annotations;
        }

        if (node is not { ValueKind: JsonValueKind.Object } obj)
        {
            problems.Add(new FieldProblem(field, "must be a map of strings"));
            return annotations;
        }

        if (obj.RawLength > MaxAnnotationsBytes)
        {
            problems.Add(new FieldProblem(field, $"is larger than Kubernetes allows ({MaxAnnotationsBytes / 1024} KiB)"));
            return annotations;
        }

        foreach (var (key, value) in obj.Properties())
        {
            if (((JsonText?)value).Text() is { } text)
            {
                annotations[key] = text;
            }
            else if (value.ValueKind != JsonValueKind.Null)
            {
                problems.Add(new FieldProblem($"{field}[{key}]", "must be a string"));
            }
        }

        return annotations;
    }

    private static int Count(JsonText? list, int max) => list?.CountUpTo(max) ?? 0;

    private static void ReadContainers(JsonText? spec, string specPath, string property, int max, List<ContainerImage> containers, List<FieldProblem> problems)
    {
        var field = Join(specPath, property);
        switch (spec.Field(property))
        {
            case null or { ValueKind: JsonValueKind.Null }:
                return;
            case { ValueKind: JsonValueKind.Array } array:
                var i = 0;
                foreach (JsonText? container in array.Items(max))
                {
                    var imageField = $"{field}[{i++}].image";
                    if (container.Field("image").Text() is { Length: > 0 } image)
                    {
                        containers.Add(new ContainerImage(imageField, image));
                    }
                    else
                    {
                        problems.Add(new FieldProblem(imageField, "is required"));
                    }
                }

                return;
            default:
                problems.Add(new FieldProblem(field, "must be a list"));
                return;
        }
    }

    private static string Join(string path, string child) => path.Length == 0 ? child : $"{path}.{child}";
}
