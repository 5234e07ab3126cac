using ImageCacheFunctions.Emulators.Kubernetes.Schema;

namespace ImageCacheFunctions.Emulators.Kubernetes.Resources;

/// <summary>One served resource: its names, scope, subresources, schema and table columns.</summary>
internal sealed record ResourceType
{
    public required string Group { get; init; }

    public required string Version { get; init; }

    public required string Kind { get; init; }

    public required string Plural { get; init; }

    public required string Singular { get; init; }

    public required bool Namespaced { get; init; }

    public string ListKind
    {
        get => _listKind ?? Kind + "List";
        init => _listKind = value;
    }

    private readonly string? _listKind;

    public IReadOnlyList<string> ShortNames { get; init; } = [];

    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>Has a /status subresource: the main endpoint ignores status, /status ignores the rest.</summary>
    public bool HasStatus { get; init; }

    /// <summary>Served from a CustomResourceDefinition (no strategic merge patch, kind required in bodies).</summary>
    public bool IsCustom { get; init; }

    /// <summary>metadata.generation is kept (custom resources, CRDs), bumped by spec changes.</summary>
    public bool TracksGeneration { get; init; }

    /// <summary>PUT without metadata.resourceVersion is allowed (core types); custom resources require it.</summary>
    public bool AllowUnconditionalUpdate { get; init; }

    public StructuralSchema? Schema { get; init; }

    public IReadOnlyList<TableColumn> Columns { get; init; } = TableColumn.Defaults;

    public ResourceBehavior Behavior { get; init; } = ResourceBehavior.None;

    /// <summary>Fields usable in fieldSelector besides metadata.name and metadata.namespace.</summary>
    public IReadOnlyList<string> SelectableFields { get; init; } = [];

    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>Storage key: version-independent, as in etcd.</summary>
    public string StorageKey => Conversion?.StorageType.StorageKey ?? $"{Group}/{Plural}";

    /// <summary>Set when the resource is stored as another type (events.k8s.io Events as core Events).</summary>
    public ResourceConversion? Conversion { get; init; }

    /// <summary>"imagecaches.eci.alibabacloud.com", "secrets": how messages name the resource.</summary>
    public string QualifiedResource => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>"ImageCache.eci.alibabacloud.com", "Secret": how validation messages name the kind.</summary>
    public string QualifiedKind => Group.Length == 0 ? Kind : $"{Kind}.{Group}";

    public IReadOnlyList<string> Verbs { get; init; } =
        ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
}
