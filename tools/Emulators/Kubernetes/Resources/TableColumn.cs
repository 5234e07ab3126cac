using System.Text.Json.Nodes;
using ImageCacheFunctions.Emulators.Kubernetes.Api;
using ImageCacheFunctions.Emulators.Kubernetes.Json;

namespace ImageCacheFunctions.Emulators.Kubernetes.Resources;

/// <summary>A column of the meta.k8s.io Table that `kubectl get` prints, with how to fill its cell.</summary>
internal sealed record TableColumn(string Name, string Type, string Format, string Description, int Priority, Func<JsonObject, DateTimeOffset, JsonNode?> Cell)
{
    public const string NameDescription =
        "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";

    public static readonly TableColumn NameColumn =
        new("Name", "string", "name", NameDescription, 0, (obj, _) => obj.Object("metadata").String("name"));

    /// <summary>The generic table of the apiserver for types without their own printer.</summary>
    public static readonly IReadOnlyList<TableColumn> Defaults =
    [
        NameColumn,
        new("Created At", "date", "", "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.", 0,
            (obj, _) => obj.Object("metadata").String("creationTimestamp")),
    ];

    public static TableColumn Age() =>
        new("Age", "string", "", "CreationTimestamp is a timestamp representing the server time when this object was created.", 0,
            (obj, now) => HumanDuration.Since(obj.Object("metadata").String("creationTimestamp"), now));
}
