using System.Text.Json.Nodes;
using ImageCacheFunctions.Emulators.Kubernetes.Json;
using ImageCacheFunctions.Emulators.Kubernetes.Resources;

namespace ImageCacheFunctions.Emulators.Kubernetes.Api;

/// <summary>
/// meta.k8s.io/v1 Table answers (Accept: application/json;as=Table;v=v1;g=meta.k8s.io), which
/// `kubectl get` prints as-is: the type's printer columns, cells computed on the server.
/// </summary>
internal static class TableDocuments
{
    public static bool Wanted(string? accept) =>
        accept is not null && accept.Contains("as=Table", StringComparison.Ordinal) && accept.Contains("g=meta.k8s.io", StringComparison.Ordinal);

    public static JsonObject Render(ResourceType type, IEnumerable<JsonObject> objects, JsonObject listMetadata, string? includeObject, DateTimeOffset now, bool withColumns = true)
    {
        var table = new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = listMetadata,
        };
        if (withColumns)
        {
            var columns = new JsonArray();
            foreach (var column in type.Columns)
            {
                columns.Add(new JsonObject
                {
                    ["name"] = column.Name,
                    ["type"] = column.Type,
                    ["format"] = column.Format,
                    ["description"] = column.Description,
                    ["priority"] = column.Priority,
                });
            }
            table["columnDefinitions"] = columns;
        }
        var rows = new JsonArray();
        foreach (var obj in objects)
        {
            var cells = new JsonArray();
            foreach (var column in type.Columns)
            {
                cells.Add(column.Cell(obj, now));
            }
            var row = new JsonObject { ["cells"] = cells };
            switch (includeObject)
            {
                case "None":
                    break;
                case "Object":
                    row["object"] = obj;
                    break;
                default:
                    row["object"] = new JsonObject
                    {
                        ["kind"] = "PartialObjectMetadata",
                        ["apiVersion"] = "meta.k8s.io/v1",
                        ["metadata"] = obj["metadata"]?.DeepClone(),
                    };
                    break;
            }
            rows.Add(row);
        }
        table["rows"] = rows;
        return table;
    }
}
