using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImageCacheFunctions.ImageCaches.Credentials;
using ImageCacheFunctions.ImageCaches.Images;
using ImageCacheFunctions.ImageCaches.Resources;
using ImageCacheFunctions.ImageCaches.Settings;
using ImageCacheFunctions.ImageCaches.Text;

namespace ImageCacheFunctions.ImageCaches.Operations.Api;

/// <summary>
/// What an ImageCache must be, without I/O: the CRD schema's rules (checked again, so the
/// answer is the same whoever calls) and what a schema cannot say: every image parses per the
/// distribution grammar, no image twice after normalisation, imagePullSecrets well-formed and
/// not repeated, and the size check of <see cref="ImageCacheSizing"/>. Findings name the field
/// (<c>spec.images[1]</c>).
/// </summary>
/// <remarks>
/// The work is bounded whatever the object: a list longer than ECI takes
/// (<see cref="ImageCacheSpec.MaxImages"/>, <see cref="ImageCacheSpec.MaxImagePullSecrets"/>) is
/// one "Too many" finding and its entries are not looked at; quoted values are cut to
/// <see cref="BoundedText.MaxQuotedLength"/>.
/// </remarks>
public static class ImageCacheRules
{
    public static ImageCacheFindings Check(JsonNode? imageCache)
    {
        var problems = new List<AdmissionProblem>();
        var images = new List<string>();
        var secrets = new List<string>();
        var spec = (imageCache as JsonObject)?["spec"];
        if (spec is not JsonObject specObject)
        {
            problems.Add(new AdmissionProblem("spec", AdmissionProblem.Required, "Required value: an ImageCache needs a spec with images", Denies: true));
            return new ImageCacheFindings(problems, images, secrets);
        }

        CheckImages(specObject["images"], problems, images);
        var size = CheckRange(specObject, "imageCacheSize", ImageCacheSpec.MinImageCacheSize, ImageCacheSpec.MaxImageCacheSize, problems);
        CheckRange(specObject, "retentionDays", ImageCacheSpec.MinRetentionDays, ImageCacheSpec.MaxRetentionDays, problems);
        CheckSecrets(specObject["imagePullSecrets"], problems, secrets);

        var annotations = ((imageCache as JsonObject)?["metadata"] as JsonObject)?["annotations"] as JsonObject;
        CheckAnnotations(annotations, problems);
        var imagesSize = annotations?[ImageCacheSizing.ImagesSizeAnnotation] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
        // An invalid size is denied above; comparing it with the images would only repeat that.
        if (size is not null || specObject["imageCacheSize"] is null)
        {
            problems.AddRange(ImageCacheSizing.Check(imagesSize, size ?? ImageCacheSpec.DefaultImageCacheSize));
        }
        return new ImageCacheFindings(problems, images, secrets);
    }

    /// <summary>The ECI annotations (docs/annotations.md), read by the same parser reconcile uses.</summary>
    private static void CheckAnnotations(JsonObject? annotations, List<AdmissionProblem> problems)
    {
        if (annotations is null)
        {
            return;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in ImageCacheAnnotations.All)
        {
            if (StringOf(annotations[name]) is { } value)
            {
                values[name] = value;
            }
        }

        foreach (var problem in CacheSettingsReader.Read(values, CacheSettingDefaults.None).Problems)
        {
            problems.Add(new AdmissionProblem(problem.Field, AdmissionProblem.Invalid, problem.Message, Denies: true, values.GetValueOrDefault(problem.Annotation)));
        }
    }

    private static void CheckImages(JsonNode? node, List<AdmissionProblem> problems, List<string> valid)
    {
        if (node is null)
        {
            problems.Add(new AdmissionProblem("spec.images", AdmissionProblem.Required, "Required value: list at least one image", Denies: true));
            return;
        }

        if (node is not JsonArray array)
        {
            problems.Add(new AdmissionProblem("spec.images", AdmissionProblem.Invalid, "Invalid value: must be a list of image references", Denies: true));
            return;
        }

        if (array.Count == 0)
        {
            problems.Add(new AdmissionProblem("spec.images", AdmissionProblem.Invalid, "Invalid value: 0 images: list at least one image", Denies: true));
            return;
        }

        if (array.Count > ImageCacheSpec.MaxImages)
        {
            problems.Add(TooMany("spec.images", array.Count, ImageCacheSpec.MaxImages, "images (ECI caches at most that many)"));
            return;
        }

        var firstByIdentity = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < array.Count; i++)
        {
            var field = $"spec.images[{i}]";
            if (StringOf(array[i]) is not { Length: > 0 } written)
            {
                problems.Add(new AdmissionProblem(field, AdmissionProblem.Invalid, "Invalid value: must be a non-empty image reference", Denies: true));
                continue;
            }

            if (!ImageReference.TryParse(written, out var reference, out var error))
            {
                problems.Add(new AdmissionProblem(field, AdmissionProblem.Invalid, $"Invalid value: \"{Shorten(written)}\": {error}", Denies: true, written));
                continue;
            }

            var identity = $"{reference!.RepositoryKey}:{reference.EffectiveTag}@{reference.Digest}";
            if (firstByIdentity.TryGetValue(identity, out var first))
            {
                problems.Add(new AdmissionProblem(field, AdmissionProblem.Duplicate,
                    $"Duplicate value: \"{Shorten(written)}\" is the same image as spec.images[{first}] ({reference})", Denies: true, identity));
                continue;
            }

            firstByIdentity[identity] = i;
            valid.Add(written);
        }
    }

    private static int? CheckRange(JsonObject spec, string name, int min, int max, List<AdmissionProblem> problems)
    {
        var node = spec[name];
        if (node is null)
        {
            return null;
        }

        var field = $"spec.{name}";
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number
            && long.TryParse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            if (number >= min && number <= max)
            {
                return (int)number;
            }

            problems.Add(new AdmissionProblem(field, AdmissionProblem.Invalid,
                $"Invalid value: {number}: must be from {min} to {max}{(name == "imageCacheSize" ? " (GiB)" : " (days)")}", Denies: true));
            return null;
        }

        problems.Add(new AdmissionProblem(field, AdmissionProblem.Invalid, $"Invalid value: {Shorten(node.ToJsonString())}: must be a whole number from {min} to {max}", Denies: true));
        return null;
    }

    private static void CheckSecrets(JsonNode? node, List<AdmissionProblem> problems, List<string> valid)
    {
        if (node is null)
        {
            return;
        }

        if (node is not JsonArray array)
        {
            problems.Add(new AdmissionProblem("spec.imagePullSecrets", AdmissionProblem.Invalid, "Invalid value: must be a list of namespace:name", Denies: true));
            return;
        }

        if (array.Count > ImageCacheSpec.MaxImagePullSecrets)
        {
            problems.Add(TooMany("spec.imagePullSecrets", array.Count, ImageCacheSpec.MaxImagePullSecrets, "secrets (ECI takes at most that many registry credentials)"));
            return;
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < array.Count; i++)
        {
            var field = $"spec.imagePullSecrets[{i}]";
            var entry = StringOf(array[i]);
            if (!ImagePullSecretReference.TryParse(entry, out _))
            {
                problems.Add(new AdmissionProblem(field, AdmissionProblem.Invalid,
                    $"Invalid value: \"{Shorten(entry ?? "")}\": must be namespace:name, e.g. default:acr-credentials", Denies: true, entry));
                continue;
            }

            if (seen.TryGetValue(entry!, out var first))
            {
                problems.Add(new AdmissionProblem(field, AdmissionProblem.Duplicate, $"Duplicate value: \"{Shorten(entry!)}\" is listed at spec.imagePullSecrets[{first}] too", Denies: false, entry));
                continue;
            }

            seen[entry!] = i;
            valid.Add(entry!);
        }
    }

    /// <summary>Kubernetes' own wording (field.TooMany): "Too many: 300000: must have at most 20 items".</summary>
    private static AdmissionProblem TooMany(string field, int count, int max, string what) =>
        new(field, AdmissionProblem.TooMany, $"Too many: {count}: must have at most {max} {what}", Denies: true, $"{count}");

    private static string? StringOf(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static string Shorten(string value) => BoundedText.Quote(value);
}

/// <summary>The findings of <see cref="ImageCacheRules"/> and the images and secrets that passed them.</summary>
public sealed record ImageCacheFindings(IReadOnlyList<AdmissionProblem> Problems, IReadOnlyList<string> ValidImages, IReadOnlyList<string> ValidSecrets);
