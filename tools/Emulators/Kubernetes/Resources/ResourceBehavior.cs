using System.Text.Json.Nodes;
using ImageCacheFunctions.Emulators.Kubernetes.Schema;

namespace ImageCacheFunctions.Emulators.Kubernetes.Resources;

/// <summary>
/// What a resource type does beyond the common object rules (the apiserver's "strategy"):
/// normalise on write, validate, and react to a stored change.
/// </summary>
internal class ResourceBehavior
{
    public static readonly ResourceBehavior None = new();

    /// <summary>Normalises a new object (defaults, conversions) before validation.</summary>
    public virtual void PrepareForCreate(JsonObject obj)
    {
    }

    /// <summary>Normalises an updated object before validation; <paramref name="old"/> is the stored one.</summary>
    public virtual void PrepareForUpdate(JsonObject obj, JsonObject old) => PrepareForCreate(obj);

    public virtual void Validate(JsonObject obj, JsonObject? old, List<FieldError> errors)
    {
    }

    /// <summary>Name rule of the type; most use a DNS-1123 subdomain.</summary>
    public virtual IEnumerable<string> ValidateName(string name) => ObjectMetaRules.ValidateSubdomain(name);
}
