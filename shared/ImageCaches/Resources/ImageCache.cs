using System.Text.Json;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;
using YamlDotNet.Serialization;

namespace ImageCacheFunctions.ImageCaches.Resources;

/// <summary>
/// The ECI <c>ImageCache</c> custom resource (eci.alibabacloud.com/v1, cluster-scoped).
/// Serialize with KubernetesClient's <c>KubernetesJson</c>; fields this model does not know are
/// kept in <see cref="ExtensionData"/> so that a read-modify-write never drops them.
/// </summary>
[KubernetesEntity(Group = ImageCacheResource.Group, Kind = ImageCacheResource.Kind, ApiVersion = ImageCacheResource.Version, PluralName = ImageCacheResource.Plural)]
public sealed class ImageCache : IKubernetesObject<V1ObjectMeta>, ISpec<ImageCacheSpec>, IStatus<ImageCacheStatus?>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = ImageCacheResource.ApiVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = ImageCacheResource.Kind;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public ImageCacheSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public ImageCacheStatus? Status { get; set; }

    [JsonExtensionData]
    [YamlIgnore]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }

    /// <summary>A new object with the given name and spec, ready to be created.</summary>
    public static ImageCache Create(string name, ImageCacheSpec spec) =>
        new() { Metadata = new V1ObjectMeta { Name = name }, Spec = spec };

    /// <summary>An independent copy (through the wire format, so nothing is shared).</summary>
    public ImageCache DeepClone() => KubernetesJson.Deserialize<ImageCache>(KubernetesJson.Serialize(this));

    /// <summary>True once the API server has set deletionTimestamp (finalizers still pending).</summary>
    [JsonIgnore]
    [YamlIgnore]
    public bool IsBeingDeleted => Metadata?.DeletionTimestamp is not null;

    /// <summary>True when this object carries <paramref name="finalizer"/>.</summary>
    public bool HasFinalizer(string finalizer) => Metadata?.Finalizers?.Contains(finalizer) == true;

    public override string ToString() =>
        $"ImageCache {Metadata?.Name} (generation {Metadata?.Generation}, resourceVersion {Metadata?.ResourceVersion}, phase {Status?.Phase ?? "-"})";
}
