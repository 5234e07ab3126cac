namespace ImageCacheFunctions.ImageCaches.Images;

// API surface agreed between helpers; the implementation is being written (issue 5).
/// <summary>
/// A container image reference normalised per the distribution reference grammar:
/// <c>nginx</c> is <c>docker.io/library/nginx:latest</c>.
/// </summary>
public sealed record ImageReference(string Registry, string Repository, string? Tag, Digest? Digest)
{
    public static ImageReference Parse(string value) =>
        TryParse(value, out var reference, out var error) ? reference! : throw new FormatException(error);

    public static bool TryParse(string value, out ImageReference? reference, out string? error) =>
        throw new NotImplementedException();
}
