using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ImageCacheFunctions.Emulators.Kubernetes.Json;
using ImageCacheFunctions.Emulators.Kubernetes.Resources;

namespace ImageCacheFunctions.Emulators.Kubernetes.Api;

/// <summary>
/// The legacy (unaggregated) discovery documents: /api, /api/v1, /apis, /apis/{group},
/// /apis/{group}/{version}. kubectl falls back to these when the answer is plain application/json.
/// </summary>
internal static class DiscoveryDocuments
{
    public const string ServerVersionMinor = "32";

    public static JsonObject Version() => new()
    {
        ["major"] = "1",
        ["minor"] = ServerVersionMinor,
        ["gitVersion"] = $"v1.{ServerVersionMinor}.0-imagecache-emulator",
        ["gitCommit"] = "0000000000000000000000000000000000000000",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2025-01-01T00:00:00Z",
        ["goVersion"] = "go1.23.0",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };

    public static JsonObject CoreVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    };

    public static JsonObject Groups(ResourceCatalog catalog)
    {
        var groups = new JsonArray();
        foreach (var group in catalog.All.Where(t => t.Group.Length > 0).GroupBy(t => t.Group))
        {
            groups.Add(Group(group.Key, group.Select(t => t.Version).Distinct().ToList()));
        }
        return new JsonObject { ["kind"] = "APIGroupList", ["apiVersion"] = "v1", ["groups"] = groups };
    }

    public static JsonObject? Group(ResourceCatalog catalog, string group)
    {
        var versions = catalog.All.Where(t => t.Group == group).Select(t => t.Version).Distinct().ToList();
        if (versions.Count == 0)
        {
            return null;
        }
        var document = Group(group, versions);
        document["kind"] = "APIGroup";
        document["apiVersion"] = "v1";
        return document;
    }

    public static JsonObject? Resources(ResourceCatalog catalog, string group, string version)
    {
        var types = catalog.All.Where(t => t.Group == group && t.Version == version).ToList();
        if (types.Count == 0)
        {
            return null;
        }
        var resources = new JsonArray();
        foreach (var type in types)
        {
            var resource = new JsonObject
            {
                ["name"] = type.Plural,
                ["singularName"] = type.Singular,
                ["namespaced"] = type.Namespaced,
                ["kind"] = type.Kind,
                ["verbs"] = JsonNodes.ToJsonArray(type.Verbs),
            };
            if (type.ShortNames.Count > 0)
            {
                resource["shortNames"] = JsonNodes.ToJsonArray(type.ShortNames);
            }
            if (type.Categories.Count > 0)
            {
                resource["categories"] = JsonNodes.ToJsonArray(type.Categories);
            }
            resource["storageVersionHash"] = StorageVersionHash(type);
            resources.Add(resource);
            if (type.HasStatus)
            {
                resources.Add(new JsonObject
                {
                    ["name"] = type.Plural + "/status",
                    ["singularName"] = "",
                    ["namespaced"] = type.Namespaced,
                    ["kind"] = type.Kind,
                    ["verbs"] = new JsonArray("get", "patch", "update"),
                });
            }
        }
        var list = new JsonObject { ["kind"] = "APIResourceList" };
        if (group.Length > 0)
        {
            list["apiVersion"] = "v1";
        }
        list["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}";
        list["resources"] = resources;
        return list;
    }

    private static JsonObject Group(string group, IReadOnlyList<string> versions)
    {
        var entries = new JsonArray();
        foreach (var version in versions)
        {
            entries.Add(new JsonObject { ["groupVersion"] = $"{group}/{version}", ["version"] = version });
        }
        return new JsonObject
        {
            ["name"] = group,
            ["versions"] = entries,
            ["preferredVersion"] = new JsonObject { ["groupVersion"] = $"{group}/{versions[0]}", ["version"] = versions[0] },
        };
    }

    private static string StorageVersionHash(ResourceType type) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes($"{type.Group}/{type.Version}/{type.Kind}")).AsSpan(0, 8));
}
