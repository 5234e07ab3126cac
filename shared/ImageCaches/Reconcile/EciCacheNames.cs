using System.Security.Cryptography;
using System.Text;

namespace ImageCacheFunctions.ImageCaches.Reconcile;

/// <summary>
/// The ECI ImageCacheName for an ImageCache object. ECI accepts 2 to 128 characters of lower-case
/// letters, digits and hyphens, not starting or ending with a hyphen. A Kubernetes name is
/// already close (it may also hold dots and be up to 253 characters): a name that fits is used
/// as is; otherwise the offending characters become hyphens and a short hash of the original is
/// appended, so two objects never share an ECI name by accident.
/// </summary>
public static class EciCacheNames
{
    public const int MinLength = 2;
    public const int MaxLength = 128;

    public static string For(string objectName)
    {
        ArgumentException.ThrowIfNullOrEmpty(objectName);
        if (IsValid(objectName))
        {
            return objectName;
        }

        var builder = new StringBuilder(objectName.Length);
        foreach (var c in objectName.ToLowerInvariant())
        {
            var allowed = char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);
            if (allowed)
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var suffix = "-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(objectName)))[..8];
        var stem = builder.ToString().Trim('-');
        if (stem.Length > MaxLength - suffix.Length)
        {
            stem = stem[..(MaxLength - suffix.Length)].TrimEnd('-');
        }

        return (stem.Length == 0 ? "imagecache" : stem) + suffix;
    }

    /// <summary>True when ECI accepts <paramref name="name"/> as an ImageCacheName.</summary>
    public static bool IsValid(string? name) =>
        name is { Length: >= MinLength and <= MaxLength }
        && name[0] != '-'
        && name[^1] != '-'
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
