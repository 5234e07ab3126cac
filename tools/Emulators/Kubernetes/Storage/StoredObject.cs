using System.Text.Json.Nodes;
using ImageCacheFunctions.Emulators.Kubernetes.Json;
using ImageCacheFunctions.Emulators.Kubernetes.Resources;

namespace ImageCacheFunctions.Emulators.Kubernetes.Storage;

/// <summary>An immutable stored version of one object: its JSON bytes plus what lists filter on.</summary>
internal sealed class StoredObject
{
    public StoredObject(ResourceType type, JsonObject obj)
    {
        var metadata = obj.Object("metadata") ?? new JsonObject();
        Type = type;
        Namespace = type.Namespaced ? metadata.String("namespace") : null;
        Name = metadata.String("name") ?? "";
        Uid = metadata.String("uid") ?? "";
        ResourceVersion = long.TryParse(metadata.String("resourceVersion"), System.Globalization.CultureInfo.InvariantCulture, out var rv) ? rv : 0;
        Labels = metadata.StringMap("labels");
        HasFinalizers = metadata["finalizers"] is JsonArray { Count: > 0 };
        IsDeleting = metadata["deletionTimestamp"] is not null;
        Json = JsonText.ToBytes(obj);
    }

    public ResourceType Type { get; }

    public string? Namespace { get; }

    public string Name { get; }

    public string Uid { get; }

    public long ResourceVersion { get; }

    public IReadOnlyDictionary<string, string> Labels { get; }

    public bool HasFinalizers { get; }

    public bool IsDeleting { get; }

    public byte[] Json { get; }

    /// <summary>Ordinal key as in etcd: "namespace/name", or "name" for cluster-scoped objects.</summary>
    public string Key => KeyOf(Namespace, Name);

    public static string KeyOf(string? ns, string name) => ns is null ? name : $"{ns}/{name}";

    /// <summary>A fresh, mutable copy of the object.</summary>
    public JsonObject ToJson() => JsonText.ParseStored(Json);
}
