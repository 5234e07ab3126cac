using System.Text.Json.Nodes;
using ImageCacheFunctions.ImageCaches.Resources;
using k8s;

namespace ImageCacheFunctions.ImageCaches.Reconcile;

/// <summary>
/// Copies and compares statuses as the wire format (KubernetesJson) sees them, which is what the
/// API server stores: a copy is written the same as its original, and two statuses are the same
/// when they would be written the same. Both work from the fields first (<see cref="StatusCopy"/>,
/// <see cref="StatusEquality"/>) and go through the text only when the fields cannot decide.
/// </summary>
public static class StatusJson
{
    /// <summary>A deep copy that is written the same as <paramref name="status"/> (see <see cref="StatusCopy"/>).</summary>
    public static ImageCacheStatus? Clone(ImageCacheStatus? status) =>
        status is null ? null : StatusCopy.Of(status);

    public static bool Same(ImageCacheStatus? left, ImageCacheStatus? right)
    {
        if (left is null || right is null)
        {
            return IsEmpty(left) && IsEmpty(right);
        }

        if (StatusEquality.Proven(left, right))
        {
            return true;
        }

        // Equal text is the common case (a copy compared with its original) and cheap to check;
        // only different text needs the structural comparison (fields may come in another order).
        var leftText = KubernetesJson.Serialize(left);
        var rightText = KubernetesJson.Serialize(right);
        return string.Equals(leftText, rightText, StringComparison.Ordinal)
            || JsonNode.DeepEquals(JsonNode.Parse(leftText), JsonNode.Parse(rightText));
    }

    private static bool IsEmpty(ImageCacheStatus? status) =>
        status is null || JsonNode.Parse(KubernetesJson.Serialize(status)) is JsonObject { Count: 0 };
}
