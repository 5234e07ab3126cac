using ImageCacheFunctions.Eci.Wire;

namespace ImageCacheFunctions.Eci.Models;

/// <summary>
/// The settings CreateImageCache and UpdateImageCache both accept ("the same knobs as Create"),
/// flattened onto the wire in one place. Each operation adds what identifies it.
/// </summary>
public abstract record ImageCacheSettingsRequest
{
    /// <summary>Region; the client's configured region when null.</summary>
    public string? RegionId { get; init; }

    /// <summary>Zone.</summary>
    public string? ZoneId { get; init; }

    /// <summary>Size in GiB, 20..32768 (ECI default 20).</summary>
    public int? ImageCacheSize { get; init; }

    /// <summary>Days to keep the cache, 1..65536 (ECI default: never expires; a failed cache is kept one day).</summary>
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

    /// <summary>Elimination strategy, e.g. <c>LRU</c> (deleted when the quota is reached).</summary>
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

    /// <summary>Adds these settings (lists flattened 1-based) to <paramref name="parameters"/>.</summary>
    private protected RpcParameters AddSettings(RpcParameters parameters, string regionId) =>
        ImageCacheParameters.Common(
            parameters
                .Add("RegionId", RegionId ?? regionId)
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
