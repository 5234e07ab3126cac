using System.Text.RegularExpressions;
using ImageCacheFunctions.ImageCaches.Credentials;
using ImageCacheFunctions.ImageCaches.Images;
using ImageCacheFunctions.ImageCaches.Resources;

namespace ImageCacheFunctions.ImageCaches.AutoCreate;

/// <summary>
/// A rule that creates an ImageCache for a pushed image no cache holds yet: which pushes
/// (registry host, repository and tag globs) and the new cache's settings.
/// </summary>
public sealed partial record AutoCreateRule
{
    /// <summary>The rule's name: the value of the auto-created-by label on the caches it makes.</summary>
    public required string Name { get; init; }

    /// <summary>Registry hosts (canonical: lower case, aliases folded); any when null.</summary>
    public PathGlob? Registry { get; init; }

    public required PathGlob Repository { get; init; }

    /// <summary>Tags; any tag when null.</summary>
    public PathGlob? Tag { get; init; }

    /// <summary>GiB; ECI's default (20) when null.</summary>
    public int? ImageCacheSize { get; init; }

    /// <summary>Days; the cache never expires when null.</summary>
    public int? RetentionDays { get; init; }

    /// <summary><c>namespace:name</c> entries for the new cache's spec.imagePullSecrets.</summary>
    public IReadOnlyList<string> ImagePullSecrets { get; init; } = [];

    /// <summary>True when a push of <paramref name="image"/> (repository and tag) falls under this rule.</summary>
    public bool Covers(ImageReference image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return image.EffectiveTag is { } tag
            && (Registry is null || Registry.IsMatch(RegistryHost.Canonical(image.Registry)))
            && Repository.IsMatch(image.Repository)
            && (Tag is null || Tag.IsMatch(tag));
    }

    /// <summary>
    /// Builds a rule from configured values; every problem goes to <paramref name="errors"/>
    /// (prefixed with <paramref name="where"/>), and the rule is null when there was one.
    /// </summary>
    public static AutoCreateRule? Create(
        string where,
        string? name,
        string? registry,
        string? repository,
        string? tag,
        int? imageCacheSize,
        int? retentionDays,
        IEnumerable<string>? imagePullSecrets,
        ICollection<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;
        if (string.IsNullOrWhiteSpace(name) || !LabelValue().IsMatch(name))
        {
            errors.Add($"{where}: Name '{name}' must be 1-63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit (it becomes a label value)");
        }

        var registryGlob = Glob(where, "Registry", registry, required: false, errors);
        var repositoryGlob = Glob(where, "Repository", repository, required: true, errors);
        var tagGlob = Glob(where, "Tag", tag, required: false, errors);

        if (imageCacheSize is { } size && (size < ImageCacheSpec.MinImageCacheSize || size > ImageCacheSpec.MaxImageCacheSize))
        {
            errors.Add($"{where}: ImageCacheSize {size} must be between {ImageCacheSpec.MinImageCacheSize} and {ImageCacheSpec.MaxImageCacheSize} (GiB)");
        }

        if (retentionDays is { } days && (days < ImageCacheSpec.MinRetentionDays || days > ImageCacheSpec.MaxRetentionDays))
        {
            errors.Add($"{where}: RetentionDays {days} must be between {ImageCacheSpec.MinRetentionDays} and {ImageCacheSpec.MaxRetentionDays}");
        }

        var secrets = new List<string>();
        foreach (var secret in imagePullSecrets ?? [])
        {
            if (string.IsNullOrWhiteSpace(secret))
            {
                continue;
            }

            if (ImagePullSecretReference.TryParse(secret.Trim(), out var parsed))
            {
                secrets.Add(parsed!.ToString());
            }
            else
            {
                errors.Add($"{where}: ImagePullSecrets entry '{secret}' must be namespace:name");
            }
        }

        if (errors.Count > before)
        {
            return null;
        }

        return new AutoCreateRule
        {
            Name = name!,
            Registry = registryGlob,
            Repository = repositoryGlob!,
            Tag = tagGlob,
            ImageCacheSize = imageCacheSize,
            RetentionDays = retentionDays,
            ImagePullSecrets = secrets,
        };
    }

    private static PathGlob? Glob(string where, string setting, string? pattern, bool required, ICollection<string> errors)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            if (required)
            {
                errors.Add($"{where}: {setting} is missing (a glob such as team/* or team/**)");
            }

            return null;
        }

        if (!PathGlob.TryParse(pattern.Trim(), out var glob, out var error))
        {
            errors.Add($"{where}: {setting}: {error}");
        }

        return glob;
    }

    public override string ToString() =>
        $"auto-create rule {Name}: {Registry?.Pattern ?? "**"} / {Repository.Pattern} : {Tag?.Pattern ?? "*"}";

    [GeneratedRegex("^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelValue();
}
