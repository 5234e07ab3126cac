using ImageCacheFunctions.Eci.Wire;

namespace ImageCacheFunctions.Eci.Models;

/// <summary>
/// Parameters of UpdateImageCache; only a cache in Ready or UpdateFailed can be updated.
/// ToString hides registry passwords.
/// </summary>
public sealed record UpdateImageCacheRequest
{
    /// <summary>Region; the client's configured region when null.</summary>
    public string? RegionId { get; init; }

    /// <summary>The cache to update (required).</summary>
    public required string ImageCacheId { get; init; }

    /// <summary>New security group.</summary>
    public string? SecurityGroupId { get; init; }

    /// <summary>New vSwitch.</summary>
    public string? VSwitchId { get; init; }

    /// <summary>New name.</summary>
    public string? ImageCacheName { get; init; }

    /// <summary>New image list (<c>Image.N</c>); the cache is rebuilt with these images.</summary>
    public IReadOnlyList<string>? Images { get; init; }

    /// <summary>Zone.</summary>
    public string? ZoneId { get; init; }

    /// <summary>New size in GiB, 20..32768.</summary>
    public int? ImageCacheSize { get; init; }

    /// <summary>New retention in days, 1..65536.</summary>
    public int? RetentionDays { get; init; }

    /// <summary>Registry logins (<c>ImageRegistryCredential.N.*</c>).</summary>
    public IReadOnlyList<ImageRegistryCredential>? ImageRegistryCredentials { get; init; }

    /// <summary>Elastic IP for pulling over the internet.</summary>
    public string? EipInstanceId { get; init; }

    /// <summary>Reuse layers of existing caches while building.</summary>
    public bool? AutoMatchImageCache { get; init; }

    /// <summary>Idempotency token (ASCII, at most 64 characters). With it, the call is retried on transient errors.</summary>
    public string? ClientToken { get; init; }

    /// <summary>Resource group.</summary>
    public string? ResourceGroupId { get; init; }

    /// <summary>Tags (<c>Tag.N.Key</c>/<c>Tag.N.Value</c>).</summary>
    public IReadOnlyList<ImageCacheTag>? Tags { get; init; }

    /// <summary>Elimination strategy, e.g. <c>LRU</c>.</summary>
    public string? EliminationStrategy { get; init; }

    /// <summary>Create a flash (local) snapshot.</summary>
    public bool? Flash { get; init; }

    /// <summary>Number of flash snapshot copies.</summary>
    public int? FlashCopyCount { get; init; }

    /// <summary>Number of standard snapshot copies.</summary>
    public int? StandardCopyCount { get; init; }

    /// <summary>ACR Enterprise Edition instances (<c>AcrRegistryInfo.N.*</c>).</summary>
    public IReadOnlyList<AcrRegistryInfo>? AcrRegistryInfos { get; init; }

    /// <summary>Self-signed registries to trust, comma-separated.</summary>
    public string? InsecureRegistry { get; init; }

    /// <summary>Registries reached over plain HTTP, comma-separated.</summary>
    public string? PlainHttpRegistry { get; init; }

    /// <summary>Annotations (JSON text).</summary>
    public string? Annotations { get; init; }

    /// <summary>Describes the request without registry passwords.</summary>
    /// <returns>ID, images and token.</returns>
    public override string ToString() =>
        $"UpdateImageCacheRequest {{ ImageCacheId = {ImageCacheId}, Images = [{string.Join(", ", Images ?? [])}], ClientToken = {ClientToken}, Credentials = {ImageRegistryCredentials?.Count ?? 0} (hidden) }}";

    internal RpcParameters ToParameters(string regionId) =>
        ImageCacheParameters.Common(
            new RpcParameters()
                .Add("RegionId", RegionId ?? regionId)
                .Add("ImageCacheId", ImageCacheId)
                .Add("SecurityGroupId", SecurityGroupId)
                .Add("VSwitchId", VSwitchId)
                .Add("ImageCacheName", ImageCacheName)
                .AddList("Image", Images)
                .Add("ZoneId", ZoneId)
                .Add("ImageCacheSize", ImageCacheSize)
                .Add("RetentionDays", RetentionDays),
            ImageRegistryCredentials,
            Tags,
            AcrRegistryInfos)
            .Add("EipInstanceId", EipInstanceId)
            .Add("AutoMatchImageCache", AutoMatchImageCache)
            .Add("ClientToken", ClientToken)
            .Add("ResourceGroupId", ResourceGroupId)
            .Add("EliminationStrategy", EliminationStrategy)
            .Add("Flash", Flash)
            .Add("FlashCopyCount", FlashCopyCount)
            .Add("StandardCopyCount", StandardCopyCount)
            .Add("InsecureRegistry", InsecureRegistry)
            .Add("PlainHttpRegistry", PlainHttpRegistry)
            .Add("Annotations", Annotations);
}
