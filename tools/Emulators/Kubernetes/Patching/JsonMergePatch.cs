using System.Text.Json.Nodes;

namespace ImageCacheFunctions.Emulators.Kubernetes.Patching;

/// <summary>RFC 7386 JSON merge patch (application/merge-patch+json).</summary>
internal static class JsonMergePatch
{
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }
        var result = target as JsonObject ?? new JsonObject();
        foreach (var (key, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(key);
            }
            else
            {
                var current = result.TryGetPropertyValue(key, out var existing) ? existing : null;
                // Detach before re-attaching: a node has one parent.
                result.Remove(key);
                result[key] = Apply(current, value);
            }
        }
        return result;
    }
}
