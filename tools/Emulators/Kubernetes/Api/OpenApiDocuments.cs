using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ImageCacheFunctions.Emulators.Kubernetes.Json;
using ImageCacheFunctions.Emulators.Kubernetes.Resources;

namespace ImageCacheFunctions.Emulators.Kubernetes.Api;

/// <summary>
/// A small but valid OpenAPI v3 discovery: /openapi/v3 lists the group-versions and each
/// document declares its paths (with the fieldValidation parameter on PATCH, which is how
/// kubectl learns to validate on the server) and the schemas of the kinds, tagged with
/// x-kubernetes-group-version-kind (which `kubectl explain` reads).
/// </summary>
internal static class OpenApiDocuments
{
    public static JsonObject Index(ResourceCatalog catalog)
    {
        var paths = new JsonObject();
        foreach (var groupVersion in catalog.All.GroupBy(t => RelativePath(t)))
        {
            var document = GroupVersion(catalog, groupVersion.First().Group, groupVersion.First().Version)!;
            var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonText.ToText(document)))).ToLowerInvariant()[..32];
            paths[groupVersion.Key] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{groupVersion.Key}?hash={hash}" };
        }
        return new JsonObject { ["paths"] = paths };
    }

    public static JsonObject? GroupVersion(ResourceCatalog catalog, string group, string version)
    {
        var types = catalog.All.Where(t => t.Group == group && t.Version == version).ToList();
        if (types.Count == 0)
        {
            return null;
        }
        var paths = new JsonObject();
        var schemas = new JsonObject();
        foreach (var type in types)
        {
            var gvk = new JsonObject { ["group"] = type.Group, ["version"] = type.Version, ["kind"] = type.Kind };
            var prefix = "/" + RelativePath(type) + (type.Namespaced ? "/namespaces/{namespace}/" : "/") + type.Plural;
            var schemaName = SchemaName(type);
            var reference = new JsonObject { ["$ref"] = $"#/components/schemas/{schemaName}" };
            paths[prefix] = new JsonObject
            {
                ["get"] = Operation("list", type, gvk, reference, []),
                ["post"] = Operation("post", type, gvk, reference, ["dryRun", "fieldManager", "fieldValidation"]),
            };
            paths[prefix + "/{name}"] = new JsonObject
            {
                ["get"] = Operation("get", type, gvk, reference, []),
                ["put"] = Operation("put", type, gvk, reference, ["dryRun", "fieldManager", "fieldValidation"]),
                ["patch"] = Operation("patch", type, gvk, reference, ["dryRun", "fieldManager", "fieldValidation", "force"]),
                ["delete"] = Operation("delete", type, gvk, reference, ["dryRun", "gracePeriodSeconds", "propagationPolicy"]),
            };
            if (type.HasStatus)
            {
                paths[prefix + "/{name}/status"] = new JsonObject
                {
                    ["get"] = Operation("get", type, gvk, reference, []),
                    ["put"] = Operation("put", type, gvk, reference, ["dryRun", "fieldManager", "fieldValidation"]),
                    ["patch"] = Operation("patch", type, gvk, reference, ["dryRun", "fieldManager", "fieldValidation", "force"]),
                };
            }
            var schema = type.Schema is null
                ? new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true }
                : (JsonObject)type.Schema.Document.DeepClone();
            schema["x-kubernetes-group-version-kind"] = new JsonArray(gvk.DeepClone());
            schemas[schemaName] = schema;
        }
        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = $"v1.{DiscoveryDocuments.ServerVersionMinor}.0" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas },
        };
    }

    private static string RelativePath(ResourceType type) => type.Group.Length == 0 ? $"api/{type.Version}" : $"apis/{type.Group}/{type.Version}";

    private static string SchemaName(ResourceType type)
    {
        if (type.Group.Length == 0)
        {
            return $"io.k8s.api.core.{type.Version}.{type.Kind}";
        }
        var reversed = string.Join('.', type.Group.Split('.').Reverse());
        return $"{reversed}.{type.Version}.{type.Kind}";
    }

    private static JsonObject Operation(string action, ResourceType type, JsonObject gvk, JsonObject reference, IReadOnlyList<string> queryParameters)
    {
        var parameters = new JsonArray();
        foreach (var name in queryParameters)
        {
            parameters.Add(new JsonObject
            {
                ["name"] = name,
                ["in"] = "query",
                ["schema"] = new JsonObject { ["type"] = name == "force" ? "boolean" : "string", ["uniqueItems"] = true },
            });
        }
        return new JsonObject
        {
            ["operationId"] = $"{action}{type.Kind}",
            ["parameters"] = parameters,
            ["responses"] = new JsonObject
            {
                ["200"] = new JsonObject
                {
                    ["description"] = "OK",
                    ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = reference.DeepClone() } },
                },
            },
            ["x-kubernetes-action"] = action,
            ["x-kubernetes-group-version-kind"] = gvk.DeepClone(),
        };
    }
}
