using System.Globalization;
using System.Text.Json;
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
    public static ImageCacheFindings Check(JsonText? imageCache)
    {
        var problems = new List<AdmissionProblem>();
        var images = new List<string>();
        var secrets = new List<string>();
        var root = imageCache?.Fields("metadata", "spec") ?? new JsonText?[2];
        var specObject = root[1];
        if (!specObject.IsObject())
        {
            problems.Add(new AdmissionProblem("spec", AdmissionProblem.Required, "Required value: an ImageCache needs a spec with images", Denies: true));
            return new ImageCacheFindings(problems, images, secrets);
        }

        // One pass over the spec for every field read (the images list may be megabytes long).
        var fields = specObject!.Value.Fields("images", "imageCacheSize", "retentionDays", "imagePullSecrets");
        CheckImages(fields[0], problems, images);
        var size = CheckRange(fields[1], "imageCacheSize", ImageCacheSpec.MinImageCacheSize, ImageCacheSpec.MaxImageCacheSize, problems);
        CheckRange(fields[2], "retentionDays", ImageCacheSpec.MinRetentionDays, ImageCacheSpec.MaxRetentionDays, problems);
        CheckSecrets(fields[3], problems, secrets);

        var annotations = root[0].Field("annotations");
        CheckAnnotations(annotations, problems);
        var imagesSize = StringOf(annotations.Field(ImageCacheSizing.ImagesSizeAnnotation));
        // An invalid size is denied above; comparing it with the images would only repeat that.
        if (size is not null || fields[1] is null)
        {
            problems.AddRange(ImageCacheSizing.Check(imagesSize, size ?? ImageCacheSpec.DefaultImageCacheSize));
        }
        return new ImageCacheFindings(problems, images, secrets);
    }

    /// <summary>The ECI annotations (docs/annotations.md), read by the same parser reconcile uses.</summary>
    private static void CheckAnnotations(JsonText? annotations, List<AdmissionProblem> problems)
    {
        if (!annotations.IsObject())
        {
            return;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var found = annotations!.Value.Fields([.. ImageCacheAnnotations.All]);
        for (var i = 0; i < found.Length; i++)
        {
            if (StringOf(found[i]) is { } value)
            {
                values[ImageCacheAnnotations.All[i]] = value;
            }
        }

        foreach (var problem in CacheSettingsReader.Read(values, CacheSettingDefaults.None).Problems)
        {
            problems.Add(new AdmissionProblem(problem.Field, AdmissionProblem.Invalid, problem.Message, Denies: true, values.GetValueOrDefault(problem.Annotation)));
        }
    }

    private static void CheckImages(JsonText? node, List<AdmissionProblem> problems, List<string> valid)
    {
        if (node is null)
        {
            problems.Add(new AdmissionProblem("spec.images", AdmissionProblem.Required, "Required value: list at least one image", Denies: true));
            return;
        }

        if (node is not { ValueKind: JsonValueKind.Array } array)
        {
            problems.Add(new AdmissionProblem("spec.images", AdmissionProblem.Invalid, "Invalid value: must be a list of image references", Denies: true));
            return;
        }

        // Counted only up to the limit before any item is read: 300,000 items cost what 21 do.
        var count = array.CountUpTo(ImageCacheSpec.MaxImages);
        if (count == 0)
        {
            problems.Add(new AdmissionProblem("spec.images", AdmissionProblem.Invalid, "Invalid value: 0 images: list at least one image", Denies: true));
            return;
        }

        if (count > ImageCacheSpec.MaxImages)
        {
            problems.Add(TooMany("spec.images", ImageCacheSpec.MaxImages, "images (ECI caches at most that many)"));
            return;
        }

        var items = array.Items(ImageCacheSpec.MaxImages);
        var firstByIdentity = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var field = $"spec.images[{i}]";
            if (StringOf(items[i]) is not { Length: > 0 } written)
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

    private static int? CheckRange(JsonText? value, string name, int min, int max, List<AdmissionProblem> problems)
    {
        if (value is not { } node)
        {
            return null;
        }

        var field = $"spec.{name}";
        if (node.ValueKind == JsonValueKind.Number
            && long.TryParse(node.RawStart(32), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            if (number >= min && number <= max)
            {
                return (int)number;
            }

            problems.Add(new AdmissionProblem(field, AdmissionProblem.Invalid,
                $"Invalid value: {number}: must be from {min} to {max}{(name == "imageCacheSize" ? " (GiB)" : " (days)")}", Denies: true));
            return null;
        }

        problems.Add(new AdmissionProblem(field, AdmissionProblem.Invalid, $"Invalid value: {Shorten(Excerpt(node))}: must be a whole number from {min} to {max}", Denies: true));
        return null;
    }

    private static void CheckSecrets(JsonText? node, List<AdmissionProblem> problems, List<string> valid)
    {
        if (node is null)
        {
            return;
        }

        if (node is not { ValueKind: JsonValueKind.Array } array)
        {
            problems.Add(new AdmissionProblem("spec.imagePullSecrets", AdmissionProblem.Invalid, "Invalid value: must be a list of namespace:name", Denies: true));
            return;
        }

        if (array.CountUpTo(ImageCacheSpec.MaxImagePullSecrets) > ImageCacheSpec.MaxImagePullSecrets)
        {
            problems.Add(TooMany("spec.imagePullSecrets", ImageCacheSpec.MaxImagePullSecrets, "secrets (ECI takes at most that many registry credentials)"));
            return;
        }

        var items = array.Items(ImageCacheSpec.MaxImagePullSecrets);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var field = $"spec.imagePullSecrets[{i}]";
            var entry = StringOf(items[i]);
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

    /// <summary>
    /// Kubernetes' own wording (field.TooMany), for a list that was not counted to its end:
    /// "Too many: must have at most 20 items" (as the API server says when the count is not known).
    /// </summary>
    private static AdmissionProblem TooMany(string field, int max, string what) =>
        new(field, AdmissionProblem.TooMany, $"Too many: must have at most {max} {what}", Denies: true, $"more than {max}");

    private static string? StringOf(JsonText? node) => node.StringValue();

    /// <summary>The start of a value's JSON text, never more than a quote shows (a huge object is not copied whole).</summary>
    private static string Excerpt(JsonText node) => node.RawStart(BoundedText.MaxQuotedLength * 2);

    private static string Shorten(string value) => BoundedText.Quote(value);
}

/// <summary>The findings of <see cref="ImageCacheRules"/> and the images and secrets that passed them.</summary>
public sealed record ImageCacheFindings(IReadOnlyList<AdmissionProblem> Problems, IReadOnlyList<string> ValidImages, IReadOnlyList<string> ValidSecrets);
