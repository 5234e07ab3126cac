using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace ImageCacheFunctions.Emulators.Kubernetes.Tests;

/// <summary>A minimal typed ImageCache for the tests (the product's model lives in shared/ImageCaches).</summary>
public sealed class ImageCacheObject : IKubernetesObject<V1ObjectMeta>
{
    public const string Group = "eci.alibabacloud.com";
    public const string Version = "v1";
    public const string Plural = "imagecaches";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "eci.alibabacloud.com/v1";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "ImageCache";

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public ImageCacheSpec? Spec { get; set; }

    [JsonPropertyName("status")]
    public ImageCacheStatus? Status { get; set; }

    public static ImageCacheObject Named(string name, params string[] images) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new ImageCacheSpec { Images = [.. images.Length == 0 ? ["busybox:latest"] : images] },
    };
}

public sealed class ImageCacheSpec
{
    [JsonPropertyName("images")]
    public List<string>? Images { get; set; }

    [JsonPropertyName("imagePullSecrets")]
    public List<string>? ImagePullSecrets { get; set; }

    [JsonPropertyName("imageCacheSize")]
    public int? ImageCacheSize { get; set; }

    [JsonPropertyName("retentionDays")]
    public int? RetentionDays { get; set; }
}

public sealed class ImageCacheStatus
{
    [JsonPropertyName("phase")]
    public string? Phase { get; set; }

    [JsonPropertyName("progress")]
    public string? Progress { get; set; }

    [JsonPropertyName("imageCacheId")]
    public string? ImageCacheId { get; set; }

    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; set; }
}

public sealed class ImageCacheObjectList : IKubernetesObject<V1ListMeta>, IItems<ImageCacheObject>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "eci.alibabacloud.com/v1";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "ImageCacheList";

    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    [JsonPropertyName("items")]
    public IList<ImageCacheObject> Items { get; set; } = [];
}
