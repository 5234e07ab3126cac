using ImageCacheFunctions.ImageCaches.Images;

namespace ImageCacheFunctions.ImageCaches.Api;

/// <summary>
/// The distinct images a pod pulls, normalised (<c>nginx:1.7.9</c> and
/// <c>docker.io/library/nginx:1.7.9</c> are one image): containers and init containers alike,
/// since ECI pulls both before the pod starts. Images that do not parse are kept apart.
/// </summary>
public sealed record PodImages(IReadOnlyList<ImageReference> Images, IReadOnlyList<InvalidImage> Invalid)
{
    public static PodImages Empty { get; } = new([], []);

    /// <summary>Normalises and de-duplicates, keeping the first occurrence's order.</summary>
    public static PodImages From(IEnumerable<ContainerImage> containers)
    {
        ArgumentNullException.ThrowIfNull(containers);
        var images = new List<ImageReference>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var invalid = new List<InvalidImage>();
        foreach (var container in containers)
        {
            if (!ImageReference.TryParse(container.Image, out var reference, out var error))
            {
                invalid.Add(new InvalidImage(container.Field, container.Image, error ?? "not a valid image reference"));
                continue;
            }

            // Identity for de-duplication: what is pulled, aliases folded.
            var identity = $"{reference!.RepositoryKey}:{reference.EffectiveTag}@{reference.Digest}";
            if (seen.Add(identity))
            {
                images.Add(reference);
            }
        }

        return new PodImages(images, invalid);
    }

    /// <summary>A plain list of images (index-based field paths <c>images[i]</c>).</summary>
    public static PodImages FromList(IEnumerable<string> images, string field = "images")
    {
        ArgumentNullException.ThrowIfNull(images);
        return From(images.Select((image, i) => new ContainerImage($"{field}[{i}]", image)));
    }
}
