using System.Text.Json.Nodes;
using ImageCacheFunctions.Emulators.Kubernetes.Api;
using ImageCacheFunctions.Emulators.Kubernetes.Json;

namespace ImageCacheFunctions.Emulators.Kubernetes.Resources;

/// <summary>The built-in resources the product touches, with their printer columns.</summary>
internal static class BuiltInResources
{
    public static readonly ResourceType Namespaces = new()
    {
        Group = "",
        Version = "v1",
        Kind = "Namespace",
        Plural = "namespaces",
        Singular = "namespace",
        Namespaced = false,
        ShortNames = ["ns"],
        HasStatus = true,
        AllowUnconditionalUpdate = true,
        Behavior = new NamespaceBehavior(),
        SelectableFields = ["status.phase"],
        Verbs = ["create", "delete", "get", "list", "patch", "update", "watch"],
        Columns =
        [
            TableColumn.NameColumn,
            new("Status", "string", "", "The status of the namespace", 0, (obj, _) => obj.Object("status").String("phase")),
            TableColumn.Age(),
        ],
    };

    public static readonly ResourceType Secrets = new()
    {
        Group = "",
        Version = "v1",
        Kind = "Secret",
        Plural = "secrets",
        Singular = "secret",
        Namespaced = true,
        AllowUnconditionalUpdate = true,
        Behavior = new SecretBehavior(),
        SelectableFields = ["type"],
        Columns =
        [
            TableColumn.NameColumn,
            new("Type", "string", "", "The type of the secret", 0, (obj, _) => obj.String("type")),
            new("Data", "integer", "", "The number of data items", 0, (obj, _) => (obj["data"] as JsonObject)?.Count ?? 0),
            TableColumn.Age(),
        ],
    };

    public static readonly ResourceType Events = new()
    {
        Group = "",
        Version = "v1",
        Kind = "Event",
        Plural = "events",
        Singular = "event",
        Namespaced = true,
        ShortNames = ["ev"],
        AllowUnconditionalUpdate = true,
        Behavior = new EventBehavior(),
        SelectableFields =
        [
            "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
            "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath",
            "reason", "reportingComponent", "source", "type",
        ],
        Columns =
        [
            new("Last Seen", "string", "", "Time of the most recent occurrence", 0,
                (obj, now) => HumanDuration.Since(obj.String("lastTimestamp") ?? obj.String("eventTime") ?? obj.Object("metadata").String("creationTimestamp"), now)),
            new("Type", "string", "", "Type of this event (Normal, Warning)", 0, (obj, _) => obj.String("type")),
            new("Reason", "string", "", "The reason for the transition into the object's current status", 0, (obj, _) => obj.String("reason")),
            new("Object", "string", "", "The object this event is about", 0,
                (obj, _) => $"{obj.Object("involvedObject").String("kind")?.ToLowerInvariant()}/{obj.Object("involvedObject").String("name")}"),
            new("Message", "string", "", "A human-readable description of the status of this operation", 0, (obj, _) => obj.String("message")),
            TableColumn.NameColumn with { Priority = 1 },
        ],
    };

    public static readonly ResourceType EventsV1 = new()
    {
        Group = "events.k8s.io",
        Version = "v1",
        Kind = "Event",
        Plural = "events",
        Singular = "event",
        Namespaced = true,
        ShortNames = ["ev"],
        AllowUnconditionalUpdate = true,
        Conversion = new EventsV1Conversion(),
        SelectableFields =
        [
            "regarding.kind", "regarding.namespace", "regarding.name", "regarding.uid",
            "regarding.apiVersion", "regarding.resourceVersion", "regarding.fieldPath",
            "reason", "reportingController", "type",
        ],
        Columns =
        [
            new("Last Seen", "string", "", "Time of the most recent occurrence", 0,
                (obj, now) => HumanDuration.Since(obj.String("deprecatedLastTimestamp") ?? obj.String("eventTime") ?? obj.Object("metadata").String("creationTimestamp"), now)),
            new("Type", "string", "", "Type of this event (Normal, Warning)", 0, (obj, _) => obj.String("type")),
            new("Reason", "string", "", "Why the action was taken", 0, (obj, _) => obj.String("reason")),
            new("Object", "string", "", "The object this event is about", 0,
                (obj, _) => $"{obj.Object("regarding").String("kind")?.ToLowerInvariant()}/{obj.Object("regarding").String("name")}"),
            new("Message", "string", "", "A human-readable description of the status of this operation", 0, (obj, _) => obj.String("note")),
        ],
    };

    public static readonly ResourceType Leases = new()
    {
        Group = "coordination.k8s.io",
        Version = "v1",
        Kind = "Lease",
        Plural = "leases",
        Singular = "lease",
        Namespaced = true,
        AllowUnconditionalUpdate = true,
        Columns =
        [
            TableColumn.NameColumn,
            new("Holder", "string", "", "The holder of the lease", 0, (obj, _) => obj.Object("spec").String("holderIdentity")),
            TableColumn.Age(),
        ],
    };

    public static readonly ResourceType CustomResourceDefinitions = new()
    {
        Group = "apiextensions.k8s.io",
        Version = "v1",
        Kind = "CustomResourceDefinition",
        Plural = "customresourcedefinitions",
        Singular = "customresourcedefinition",
        Namespaced = false,
        ShortNames = ["crd", "crds"],
        Categories = ["api-extensions"],
        HasStatus = true,
        TracksGeneration = true,
        AllowUnconditionalUpdate = true,
        Behavior = new CustomResourceDefinitionBehavior(),
    };

    public static IReadOnlyList<ResourceType> All { get; } = [Namespaces, Secrets, Events, EventsV1, Leases, CustomResourceDefinitions];
}
