namespace ImageCacheFunctions.ImageCaches.Api;

/// <summary>One container of a pod as matching sees it: where it is written (a field path) and its image.</summary>
/// <param name="Field">Field path of the image, e.g. <c>spec.initContainers[0].image</c>.</param>
/// <param name="Image">The image as written.</param>
public sealed record ContainerImage(string Field, string Image);
