using ImageCacheFunctions.Eci.Wire;

namespace ImageCacheFunctions.Eci.Models;

/// <summary>Parameters of CreateImageCache. ToString hides registry passwords.</summary>
public sealed record CreateImageCacheRequest : ImageCacheSettingsRequest
{
    /// <summary>Security group of the temporary instance that builds the cache (required).</summary>
    public required string SecurityGroupId { get; init; }

    /// <summary>vSwitch of the temporary instance (required).</summary>
    public required string VSwitchId { get; init; }

    /// <summary>Name of the cache (required).</summary>
    public required string ImageCacheName { get; init; }

    /// <summary>Images to cache, sent as <c>Image.N</c> (required, at least one).</summary>
    public required IReadOnlyList<string> Images { get; init; }

    /// <summary>Operating system of the images, <c>Linux</c> (ECI's default) or <c>Windows</c>.</summary>
    public string? OsType { get; init; }

    /// <summary>Describes the request without registry passwords.</summary>
    /// <returns>Name, images and token.</returns>
    public override string ToString() =>
        $"CreateImageCacheRequest {{ ImageCacheName = {ImageCacheName}, Images = [{string.Join(", ", Images ?? [])}], ClientToken = {ClientToken}, Credentials = {ImageRegistryCredentials?.Count ?? 0} (hidden) }}";

    internal RpcParameters ToParameters(string regionId) =>
        AddSettings(
            new RpcParameters()
                .Add("SecurityGroupId", SecurityGroupId)
                .Add("VSwitchId", VSwitchId)
                .Add("ImageCacheName", ImageCacheName)
                .AddList("Image", Images)
                .Add("OsType", OsType),
            regionId);
}
