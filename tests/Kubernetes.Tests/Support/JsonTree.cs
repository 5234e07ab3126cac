using System.Text.Json.Nodes;

namespace ImageCacheFunctions.Kubernetes.Tests.Support;

/// <summary>
/// JSON trees compared as the API server sees them: a field set to null is the same as an
/// absent one (KubernetesClient omits nulls when writing, as kubectl's output shows them).
/// </summary>
internal static class JsonTree
{
    public static JsonNode? Parse(string json) => WithoutNulls(JsonNode.Parse(json));

    public static JsonNode? WithoutNulls(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                var result = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    if (value is not null)
                    {
                        result[key] = WithoutNulls(value);
                    }
                }

                return result;
            case JsonArray array:
                return new JsonArray(array.Select(WithoutNulls).ToArray());
            default:
                return node?.DeepClone();
        }
    }

    public static void AssertEquivalent(JsonNode? expected, JsonNode? actual)
    {
        var left = WithoutNulls(expected);
        var right = WithoutNulls(actual);
        Assert.True(JsonNode.DeepEquals(left, right), $"JSON differs.\nexpected: {left?.ToJsonString()}\nactual:   {right?.ToJsonString()}");
    }
}
