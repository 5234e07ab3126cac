using ImageCacheFunctions.Eci.Wire;

namespace ImageCacheFunctions.Eci.Models;

/// <summary>
/// Parameters of UpdateImageCache; only a cache in Ready or UpdateFailed can be updated.
/// ToString hides registry passwords.
/// </summary>
public sealed record UpdateImageCacheRequest : ImageCacheSettingsRequest
{
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

    /// <summary>Describes the request without registry passwords.</summary>
    /// <returns>ID, images and token.</returns>
    public override string ToString() =>
        $"UpdateImageCacheRequest {{ ImageCacheId = {ImageCacheId}, Images = [{string.Join(", ", Images ?? [])}], ClientToken = {ClientToken}, Credentials = {ImageRegistryCredentials?.Count ?? 0} (hidden) }}";

    internal RpcParameters ToParameters(string regionId) =>
        AddSettings(
            new RpcParameters()
                .Add("ImageCacheId", ImageCacheId)
                .Add("SecurityGroupId", SecurityGroupId)
                .Add("VSwitchId", VSwitchId)
                .Add("ImageCacheName", ImageCacheName)
                .AddList("Image", Images),
            regionId);
}
