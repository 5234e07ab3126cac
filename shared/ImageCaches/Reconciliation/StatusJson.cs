using System.Text.Json.Nodes;
using ImageCacheFunctions.ImageCaches.Resources;
using k8s;

namespace ImageCacheFunctions.ImageCaches.Reconciliation;

/// <summary>
/// Copies and compares statuses through the wire format (KubernetesJson), which is what the API
/// server stores: two statuses are the same when they would be written the same.
/// </summary>
public static class StatusJson
{
    public static ImageCacheStatus? Clone(ImageCacheStatus? status) =>
        status is null ? null : KubernetesJson.Deserialize<ImageCacheStatus>(KubernetesJson.Serialize(status));

    public static bool Same(ImageCacheStatus? left, ImageCacheStatus? right)
    {
        if (left is null || right is null)
        {
            return IsEmpty(left) && IsEmpty(right);
        }

        return JsonNode.DeepEquals(JsonNode.Parse(KubernetesJson.Serialize(left)), JsonNode.Parse(KubernetesJson.Serialize(right)));
    }

    private static bool IsEmpty(ImageCacheStatus? status) =>
        status is null || JsonNode.Parse(KubernetesJson.Serialize(status)) is JsonObject { Count: 0 };
}
