using System.Text.Json.Nodes;

namespace ImageCacheFunctions.Emulators.Kubernetes.Resources;

/// <summary>
/// A resource served in one representation and stored in another (events.k8s.io/v1 Events are
/// core/v1 Events in storage), so both APIs see the same objects.
/// </summary>
internal abstract class ResourceConversion
{
    /// <summary>The type objects are stored (and validated) as.</summary>
    public abstract ResourceType StorageType { get; }

    public abstract JsonObject ToStorage(JsonObject served);

    public abstract JsonObject FromStorage(JsonObject stored);

    /// <summary>The stored field a served field selector names.</summary>
    public virtual string StorageField(string servedField) => servedField;
}
