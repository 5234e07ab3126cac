using ImageCacheFunctions.Eci.Wire;

namespace ImageCacheFunctions.Eci.Models;

/// <summary>Flattening of the list parameters Create and Update share.</summary>
internal static class ImageCacheParameters
{
    public static RpcParameters Common(
        RpcParameters parameters,
        IReadOnlyList<ImageRegistryCredential>? credentials,
        IReadOnlyList<ImageCacheTag>? tags,
        IReadOnlyList<AcrRegistryInfo>? acrRegistries) =>
        parameters
            .AddObjects("ImageRegistryCredential", credentials, static (p, prefix, c) => p
                .Add(prefix + ".Server", c.Server)
                .Add(prefix + ".UserName", c.UserName)
                .Add(prefix + ".Password", c.Password))
            .AddObjects("Tag", tags, static (p, prefix, t) => p
                .Add(prefix + ".Key", t.Key)
                .Add(prefix + ".Value", t.Value))
            .AddObjects("AcrRegistryInfo", acrRegistries, static (p, prefix, a) => p
                .Add(prefix + ".InstanceId", a.InstanceId)
                .Add(prefix + ".InstanceName", a.InstanceName)
                .Add(prefix + ".RegionId", a.RegionId)
                .AddList(prefix + ".Domain", a.Domains)
                .Add(prefix + ".ArnService", a.ArnService)
                .Add(prefix + ".ArnUser", a.ArnUser));
}
