using ImageCacheFunctions.ImageCaches.Answers;
using System.Text.Json.Nodes;
using ImageCacheFunctions.ImageCaches.Api;

namespace ImageCacheFunctions.ImageCaches.Operations.Api;

/// <summary>
/// Reads what <c>POST /match</c> is asked about: a Pod or a workload with a pod template (JSON
/// or YAML, one of several YAML documents, or a <c>List</c>), or a plain image list:
/// <c>["nginx:1.7.9"]</c>, <c>{"images": [...], "annotations": {...}}</c>, or <c>?image=</c>
/// query parameters.
/// </summary>
public static class MatchRequestReader
{
    public static bool TryRead(
        string? body,
        string? contentType,
        IReadOnlyList<string> queryImages,
        out PodTemplate? template,
        out string? error,
        out IReadOnlyList<FieldProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(queryImages);
        template = null;
        problems = [];
        if (queryImages.Count > 0 && string.IsNullOrWhiteSpace(body))
        {
            template = ImageList(queryImages.Select((image, i) => new ContainerImage($"image[{i}]", image)), new Dictionary<string, string>());
            error = null;
            return true;
        }

        if (!RequestDocuments.TryParse(body, contentType, out var documents, out error))
        {
            return false;
        }

        // A List (kubectl get -o yaml of several objects) stands for its items.
        var expanded = documents
            .SelectMany(d => PodTemplateReader.KindOf(d) == "List" && d["items"] is JsonArray items ? items.Where(i => i is not null).Select(i => i!) : [d])
            .ToList();

        if (expanded.Count == 1 && TryReadImageList(expanded[0], out template, out error, out problems))
        {
            return template is not null;
        }

        if (error is not null)
        {
            return false;
        }

        var withTemplates = expanded.Where(d => PodTemplateReader.HasTemplate(PodTemplateReader.KindOf(d))).ToList();
        if (withTemplates.Count == 0)
        {
            var kinds = string.Join(", ", expanded.Select(d => PodTemplateReader.KindOf(d) ?? "(no kind)").Distinct());
            error = $"the body has no Pod or workload with a pod template (found: {kinds}); send one of {string.Join(", ", PodTemplateReader.Kinds)}, or {{\"images\": [...]}}";
            return false;
        }

        if (withTemplates.Count > 1)
        {
            error = $"the body has {withTemplates.Count} objects with pod templates; send one at a time";
            return false;
        }

        if (!PodTemplateReader.TryRead(withTemplates[0], out template, out problems))
        {
            error = "the pod template is not usable: " + string.Join("; ", problems);
            return false;
        }

        return true;
    }

    /// <summary>
    /// True when <paramref name="document"/> is an image list (then <paramref name="template"/>
    /// is set, or <paramref name="error"/> says what is wrong with it); false for anything else.
    /// </summary>
    private static bool TryReadImageList(JsonNode document, out PodTemplate? template, out string? error, out IReadOnlyList<FieldProblem> problems)
    {
        template = null;
        error = null;
        var found = new List<FieldProblem>();
        problems = found;
        JsonArray? images;
        string field;
        IReadOnlyDictionary<string, string> annotations = new Dictionary<string, string>();
        switch (document)
        {
            case JsonArray array:
                images = array;
                field = "";
                break;
            case JsonObject obj when PodTemplateReader.KindOf(obj) is null && obj.ContainsKey("images"):
                images = obj["images"] as JsonArray;
                field = "images";
                if (images is null)
                {
                    error = "images must be a list of image references";
                    found.Add(new FieldProblem("images", "must be a list"));
                    return true;
                }

                annotations = PodTemplateReader.ReadAnnotations(obj["annotations"], "annotations", found);
                break;
            default:
                return false;
        }

        var containers = new List<ContainerImage>();
        for (var i = 0; i < images.Count; i++)
        {
            var path = field.Length == 0 ? $"[{i}]" : $"{field}[{i}]";
            if (PodTemplateReader.Text(images[i]) is { Length: > 0 } image)
            {
                containers.Add(new ContainerImage(path, image));
            }
            else
            {
                found.Add(new FieldProblem(path, "must be an image reference (a non-empty string)"));
            }
        }

        if (found.Count > 0)
        {
            error = "the image list is not usable: " + string.Join("; ", found);
            return true;
        }

        template = ImageList(containers, annotations);
        return true;
    }

    private static PodTemplate ImageList(IEnumerable<ContainerImage> containers, IReadOnlyDictionary<string, string> annotations) =>
        new(PodTemplate.ImageListKind, null, null, "", annotations, null, [.. containers]);
}
