using ImageCacheFunctions.ImageCaches.Api;

namespace ImageCacheFunctions.ImageCaches.Operations.Api;

/// <summary>
/// The pod part of a Pod or of a workload: what ECI reads when it creates the pod (the pod's
/// annotations and images) and what it ignores (the workload's own annotations).
/// </summary>
/// <param name="Kind">Kind of the object (Pod, Deployment, ...); <c>ImageList</c> for a plain list of images.</param>
/// <param name="Name">metadata.name of the object, when given.</param>
/// <param name="Namespace">metadata.namespace of the object, when given.</param>
/// <param name="TemplatePath">Path of the pod template in the object (empty for a Pod).</param>
/// <param name="PodAnnotations">Annotations of the pod (or of the pod template): these are the ones ECI reads.</param>
/// <param name="WorkloadAnnotations">metadata.annotations of a workload (null for a Pod): ECI ignores these.</param>
/// <param name="Containers">Every container and init container image, with its field path.</param>
public sealed record PodTemplate(
    string Kind,
    string? Name,
    string? Namespace,
    string TemplatePath,
    IReadOnlyDictionary<string, string> PodAnnotations,
    IReadOnlyDictionary<string, string>? WorkloadAnnotations,
    IReadOnlyList<ContainerImage> Containers)
{
    public const string ImageListKind = "ImageList";

    /// <summary>True for kinds whose pods are created from a template, where the Deployment notice applies.</summary>
    public bool IsWorkload => WorkloadAnnotations is not null;

    /// <summary>Field path of the pod's annotations, e.g. <c>spec.template.metadata.annotations</c>.</summary>
    public string PodAnnotationsPath => TemplatePath.Length == 0 ? "metadata.annotations" : $"{TemplatePath}.metadata.annotations";
}
