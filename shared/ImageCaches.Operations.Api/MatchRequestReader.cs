using System.Text.Json;
using ImageCacheFunctions.ImageCaches.Answers;
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
        int maxImages,
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
            .SelectMany(d => PodTemplateReader.KindOf(d) == "List" && d.Field("items") is { ValueKind: JsonValueKind.Array } items
                ? items.Items(int.MaxValue).Where(i => i.ValueKind != JsonValueKind.Null)
                : [d])
            .ToList();

        if (expanded.Count == 1 && TryReadImageList(expanded[0], maxImages, out template, out error, out problems))
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

        if (!PodTemplateReader.TryRead(withTemplates[0], maxImages, out template, out problems))
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
    private static bool TryReadImageList(JsonText document, int maxImages, out PodTemplate? template, out string? error, out IReadOnlyList<FieldProblem> problems)
    {
        template = null;
        error = null;
        var found = new List<FieldProblem>();
        problems = found;
        JsonText images;
        string field;
        IReadOnlyDictionary<string, string> annotations = new Dictionary<string, string>();
        switch (document.ValueKind)
        {
            case JsonValueKind.Array:
                images = document;
                field = "";
                break;
            case JsonValueKind.Object when PodTemplateReader.KindOf(document) is null && document.Field("images") is { } listed:
                images = listed;
                field = "images";
                if (images.ValueKind != JsonValueKind.Array)
                {
                    error = "images must be a list of image references";
                    found.Add(new FieldProblem("images", "must be a list"));
                    return true;
                }

                annotations = PodTemplateReader.ReadAnnotations(document.Field("annotations"), "annotations", found);
                break;
            default:
                return false;
        }

        // Counted before any is read: a longer list is refused as it is.
        if (images.CountUpTo(maxImages) > maxImages)
        {
            error = $"more images than the {maxImages} one request may ask about (Api:MaxImagesPerRequest)";
            return true;
        }

        var containers = new List<ContainerImage>();
        var i = 0;
        foreach (JsonText? item in images.Items(maxImages))
        {
            var path = field.Length == 0 ? $"[{i}]" : $"{field}[{i}]";
            i++;
            if (item.Text() is { Length: > 0 } image)
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
