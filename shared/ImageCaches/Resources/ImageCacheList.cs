using System.Text.Json;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;
using YamlDotNet.Serialization;

namespace ImageCacheFunctions.ImageCaches.Resources;

/// <summary>One page of a LIST of ImageCache objects (<c>metadata.continue</c> names the next page).</summary>
[KubernetesEntity(Group = ImageCacheResource.Group, Kind = ImageCacheResource.ListKind, ApiVersion = ImageCacheResource.Version, PluralName = ImageCacheResource.Plural)]
public sealed class ImageCacheList : IKubernetesObject<V1ListMeta>, IItems<ImageCache>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = ImageCacheResource.ApiVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = ImageCacheResource.ListKind;

    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    [JsonPropertyName("items")]
    public IList<ImageCache> Items { get; set; } = new List<ImageCache>();

    [JsonExtensionData]
    [YamlIgnore]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
