using System.Text.Json.Nodes;

namespace ImageCacheFunctions.Emulators.Kubernetes.Resources;

/// <summary>events.k8s.io/v1 Event to and from core/v1 Event: renamed fields, same object.</summary>
internal sealed class EventsV1Conversion : ResourceConversion
{
    // events.k8s.io/v1 name → core/v1 name.
    private static readonly (string Served, string Stored)[] Renames =
    [
        ("regarding", "involvedObject"),
        ("note", "message"),
        ("reportingController", "reportingComponent"),
        ("deprecatedSource", "source"),
        ("deprecatedFirstTimestamp", "firstTimestamp"),
        ("deprecatedLastTimestamp", "lastTimestamp"),
        ("deprecatedCount", "count"),
    ];

    public override ResourceType StorageType => BuiltInResources.Events;

    public override JsonObject ToStorage(JsonObject served) => Rename(served, "v1", toStorage: true);

    public override JsonObject FromStorage(JsonObject stored) => Rename(stored, "events.k8s.io/v1", toStorage: false);

    public override string StorageField(string servedField)
    {
        foreach (var (served, stored) in Renames)
        {
            if (servedField == served || servedField.StartsWith(served + ".", StringComparison.Ordinal))
            {
                return stored + servedField[served.Length..];
            }
        }
        return servedField;
    }

    private static JsonObject Rename(JsonObject source, string apiVersion, bool toStorage)
    {
        var result = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = "Event" };
        foreach (var (key, value) in source)
        {
            if (key is "apiVersion" or "kind")
            {
                continue;
            }
            var target = key;
            foreach (var (served, stored) in Renames)
            {
                if (toStorage && key == served)
                {
                    target = stored;
                }
                else if (!toStorage && key == stored)
                {
                    target = served;
                }
            }
            result[target] = value?.DeepClone();
        }
        return result;
    }
}
