using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImageCacheFunctions.Emulators.Kubernetes.Json;
using ImageCacheFunctions.Emulators.Kubernetes.Schema;

namespace ImageCacheFunctions.Emulators.Kubernetes.Resources;

/// <summary>
/// The served resources: the built-in ones plus one per stored CustomResourceDefinition
/// (its storage version). Discovery, routing and OpenAPI all read this.
/// </summary>
internal sealed class ResourceCatalog
{
    private readonly Lock _gate = new();
    private ImmutableDictionary<string, ResourceType> _byPath;
    private ImmutableDictionary<string, ResourceType> _custom = ImmutableDictionary.Create<string, ResourceType>(StringComparer.Ordinal);

    public ResourceCatalog()
    {
        _byPath = BuiltInResources.All.ToImmutableDictionary(PathKey, StringComparer.Ordinal);
    }

    /// <summary>Every served resource, built-in first.</summary>
    public IReadOnlyList<ResourceType> All => [.. _byPath.Values.OrderBy(t => t.Group.Length == 0 ? 0 : t.IsCustom ? 2 : 1).ThenBy(t => t.Group, StringComparer.Ordinal).ThenBy(t => t.Plural, StringComparer.Ordinal)];

    public ResourceType? Find(string group, string version, string plural) =>
        _byPath.TryGetValue($"{group}/{version}/{plural}", out var type) ? type : null;

    public ResourceType? FindByStorageKey(string storageKey) =>
        _byPath.Values.FirstOrDefault(t => t.StorageKey == storageKey && t.Conversion is null);

    /// <summary>Serves (or re-serves, after an update) the resource a CRD defines.</summary>
    public void RegisterCustom(JsonObject crd)
    {
        var type = FromDefinition(crd);
        lock (_gate)
        {
            var name = crd.Object("metadata").String("name") ?? "";
            var byPath = _byPath;
            if (_custom.TryGetValue(name, out var previous))
            {
                byPath = byPath.Remove(PathKey(previous));
            }
            _byPath = type is null ? byPath : byPath.SetItem(PathKey(type), type);
            _custom = type is null ? _custom.Remove(name) : _custom.SetItem(name, type);
        }
    }

    /// <summary>Stops serving a deleted CRD's resource; returns it so its objects can be deleted.</summary>
    public ResourceType? UnregisterCustom(string crdName)
    {
        lock (_gate)
        {
            if (!_custom.TryGetValue(crdName, out var type))
            {
                return null;
            }
            _byPath = _byPath.Remove(PathKey(type));
            _custom = _custom.Remove(crdName);
            return type;
        }
    }

    /// <summary>The resource type a v1 CRD serves (its storage version), or null when it serves none.</summary>
    public static ResourceType? FromDefinition(JsonObject crd)
    {
        var spec = crd.Object("spec") ?? throw new ArgumentException("CRD has no spec");
        var names = spec.Object("names") ?? throw new ArgumentException("CRD has no spec.names");
        var version = (spec["versions"] as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(v => IsTrue(v["storage"]) && IsTrue(v["served"]));
        if (version is null)
        {
            return null;
        }
        var schema = version.Object("schema")?.Object("openAPIV3Schema");
        var columns = new List<TableColumn> { TableColumn.NameColumn };
        if (version["additionalPrinterColumns"] is JsonArray printerColumns)
        {
            foreach (var column in printerColumns.OfType<JsonObject>())
            {
                var path = new PrinterColumnPath(column.String("jsonPath") ?? ".metadata.name");
                var type = column.String("type") ?? "string";
                columns.Add(new TableColumn(
                    column.String("name") ?? "",
                    type,
                    column.String("format") ?? "",
                    column.String("description") ?? "",
                    (int)(column.Int64("priority") ?? 0),
                    (obj, now) => path.Cell(obj, type, now)));
            }
        }
        else
        {
            var age = new PrinterColumnPath(".metadata.creationTimestamp");
            columns.Add(new TableColumn("Age", "date", "", "", 0, (obj, now) => age.Cell(obj, "date", now)));
        }
        var kind = names.String("kind") ?? throw new ArgumentException("CRD has no spec.names.kind");
        return new ResourceType
        {
            Group = spec.String("group") ?? throw new ArgumentException("CRD has no spec.group"),
            Version = version.String("name") ?? throw new ArgumentException("CRD version has no name"),
            Kind = kind,
            ListKind = names.String("listKind") ?? kind + "List",
            Plural = names.String("plural") ?? throw new ArgumentException("CRD has no spec.names.plural"),
            Singular = names.String("singular") ?? kind.ToLowerInvariant(),
            ShortNames = names.StringList("shortNames"),
            Categories = names.StringList("categories"),
            Namespaced = spec.String("scope") == "Namespaced",
            HasStatus = version.Object("subresources")?["status"] is JsonObject,
            IsCustom = true,
            TracksGeneration = true,
            AllowUnconditionalUpdate = false,
            Schema = schema is null ? null : new StructuralSchema(schema),
            Columns = columns,
            SelectableFields = (version["selectableFields"] as JsonArray)?.OfType<JsonObject>()
                .Select(f => (f.String("jsonPath") ?? "").TrimStart('.')).Where(f => f.Length > 0).ToList() ?? [],
        };
    }

    private static bool IsTrue(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.True;

    private static string PathKey(ResourceType type) => $"{type.Group}/{type.Version}/{type.Plural}";
}
