using System.Security.Cryptography;
using System.Text;
using ImageCacheFunctions.ImageCaches.Images;

namespace ImageCacheFunctions.ImageCaches.AutoCreate;

/// <summary>
/// The name of an auto-created ImageCache: derived from the image alone, so every replica and
/// every redelivery picks the same one and a second create finds it taken (AlreadyExists)
/// instead of making a twin.
/// </summary>
/// <remarks>
/// <c>&lt;repository&gt;-&lt;tag&gt;</c> with every run of other characters as one <c>-</c>, cut to
/// <see cref="StemLength"/>, then <c>-</c> and the first <see cref="HashLength"/> hex digits of
/// SHA-256 over the repository key (canonical host, aliases folded) and the tag: for example
/// <c>team-app-v1-3f2a9c01b7</c>. At most 63 characters of <c>[a-z0-9-]</c> starting and ending
/// with a letter or digit: a valid DNS-1123 label (so also a subdomain, and an ECI cache name).
/// The hash tells apart images whose readable parts collide (hosts, case, cut-off).
/// </remarks>
public static class ImageCacheName
{
    public const int StemLength = 52;
    public const int HashLength = 10;
    public const int MaxLength = StemLength + 1 + HashLength;

    public static string For(ImageReference image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var tag = image.EffectiveTag ?? image.Digest?.Hex ?? ImageReference.DefaultTag;
        var identity = $"{image.RepositoryKey}:{tag}";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..HashLength];

        var stem = new StringBuilder(StemLength);
        foreach (var c in $"{image.Repository}-{tag}".ToLowerInvariant())
        {
            if (stem.Length >= StemLength)
            {
                break;
            }

            if (char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c))
            {
                stem.Append(c);
            }
            else if (stem.Length > 0 && stem[^1] != '-')
            {
                stem.Append('-');
            }
        }

        var readable = stem.ToString().Trim('-');
        return readable.Length == 0 ? $"imagecache-{hash}" : $"{readable}-{hash}";
    }
}
