using ImageCacheFunctions.ImageCaches.Answers;
using System.Text.Json;
using System.Text.Json.Nodes;
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

    /// <summary>The kind of a document (its <c>kind</c> string), if any.</summary>
    public static string? KindOf(JsonNode? document) =>
        document is JsonObject obj && obj["kind"] is JsonValue value && value.TryGetValue<string>(out var kind) ? kind : null;

    /// <summary>Reads the pod template of <paramref name="document"/>; problems name the fields at fault.</summary>
    public static bool TryRead(JsonNode? document, out PodTemplate? template, out IReadOnlyList<FieldProblem> problems)
    {
        template = null;
        var found = new List<FieldProblem>();
        problems = found;
        if (document is not JsonObject root)
        {
            found.Add(new FieldProblem("(body)", "must be an object"));
            return false;
        }

        var kind = KindOf(root);
        if (kind is null || !TemplatePaths.TryGetValue(kind, out var path))
        {
            found.Add(new FieldProblem("kind", $"'{kind ?? "(none)"}' has no pod template; expected one of {string.Join(", ", TemplatePaths.Keys)}"));
            return false;
        }

        var metadata = root["metadata"] as JsonObject;
        var templateNode = path.Length == 0 ? root : Navigate(root, path);
        if (templateNode is not JsonObject templateObject)
        {
            found.Add(new FieldProblem(path, "is missing: a " + kind + " needs a pod template"));
            return false;
        }

        var podAnnotations = ReadAnnotations((templateObject["metadata"] as JsonObject)?["annotations"], Join(path, "metadata.annotations"), found);
        IReadOnlyDictionary<string, string>? workloadAnnotations = kind == "Pod"
            ? null
            : ReadAnnotations(metadata?["annotations"], "metadata.annotations", found);

        var containers = new List<ContainerImage>();
        var spec = templateObject["spec"] as JsonObject;
        var specPath = Join(path, "spec");
        if (spec is null)
        {
            found.Add(new FieldProblem(specPath, "is missing"));
        }
        else
        {
            ReadContainers(spec, specPath, "initContainers", containers, found);
            ReadContainers(spec, specPath, "containers", containers, found);
            if (!containers.Any(c => c.Field.Contains(".containers[", StringComparison.Ordinal)) && found.Count == 0)
            {
                found.Add(new FieldProblem(Join(specPath, "containers"), "must list at least one container"));
            }
        }

        if (found.Count > 0)
        {
            return false;
        }

        template = new PodTemplate(
            kind,
            Text(metadata?["name"]),
            Text(metadata?["namespace"]),
            path,
            podAnnotations,
            workloadAnnotations,
            containers);
        return true;
    }

    /// <summary>Reads an annotations object into a dictionary (values must be strings).</summary>
    public static IReadOnlyDictionary<string, string> ReadAnnotations(JsonNode? node, string field, List<FieldProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is null)
        {
            return annotations;
        }

        if (node is not JsonObject obj)
        {
            problems.Add(new FieldProblem(field, "must be a map of strings"));
            return annotations;
        }

        foreach (var (key, value) in obj)
        {
            if (Text(value) is { } text)
            {
                annotations[key] = text;
            }
            else if (value is not null)
            {
                problems.Add(new FieldProblem($"{field}[{key}]", "must be a string"));
            }
        }

        return annotations;
    }

    private static void ReadContainers(JsonObject spec, string specPath, string property, List<ContainerImage> containers, List<FieldProblem> problems)
    {
        var field = Join(specPath, property);
        switch (spec[property])
        {
            case null:
                return;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var imageField = $"{field}[{i}].image";
                    if (array[i] is JsonObject container && Text(container["image"]) is { Length: > 0 } image)
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

    private static JsonNode? Navigate(JsonObject root, string path)
    {
        JsonNode? node = root;
        foreach (var part in path.Split('.'))
        {
            node = (node as JsonObject)?[part];
        }

        return node;
    }

    private static string Join(string path, string child) => path.Length == 0 ? child : $"{path}.{child}";

    /// <summary>A JSON string's value; numbers and booleans as their JSON text (YAML reads everything as text anyway).</summary>
    internal static string? Text(JsonNode? node) => node is JsonValue value
        ? value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.ToJsonString(),
            _ => null,
        }
        : null;
}
