using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace ImageCacheFunctions.Emulators.Kubernetes.Bench;

/// <summary>Benchmark objects: realistic ImageCaches with one repository index label each.</summary>
internal static class Sample
{
    public static string RepositoryLabel(int repository) =>
        "repo.imagecache.functions.openfaas.dev/" + repository.ToString("x8", CultureInfo.InvariantCulture);

    public static JsonObject Cache(string name, int index) => new()
    {
        ["apiVersion"] = "eci.alibabacloud.com/v1",
        ["kind"] = "ImageCache",
        ["metadata"] = new JsonObject
        {
            ["name"] = name,
            ["labels"] = new JsonObject { [RepositoryLabel(index % 100)] = "x" },
            ["finalizers"] = new JsonArray("imagecache.functions.openfaas.dev/eci-cache"),
        },
        ["spec"] = new JsonObject
        {
            ["images"] = new JsonArray($"registry.cn-hangzhou.aliyuncs.com/team/app-{index % 100}:v{index}", "docker.io/library/busybox:latest"),
            ["imagePullSecrets"] = new JsonArray("default:acr-credentials"),
            ["imageCacheSize"] = 40,
            ["retentionDays"] = 7,
        },
    };
}

/// <summary>Just enough of an ImageCacheList to count items and follow continue tokens.</summary>
internal sealed class ImageCacheList : IKubernetesObject<V1ListMeta>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "";

    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    [JsonPropertyName("items")]
    public List<JsonObject> Items { get; set; } = [];
}
