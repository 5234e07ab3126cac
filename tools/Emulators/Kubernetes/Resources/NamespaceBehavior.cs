using System.Text.Json.Nodes;
using ImageCacheFunctions.Emulators.Kubernetes.Json;
using ImageCacheFunctions.Emulators.Kubernetes.Schema;

namespace ImageCacheFunctions.Emulators.Kubernetes.Resources;

/// <summary>Namespaces: DNS-1123 label names, the kubernetes finalizer in spec, phase Active.</summary>
internal sealed class NamespaceBehavior : ResourceBehavior
{
    public override void PrepareForCreate(JsonObject obj)
    {
        var spec = obj.EnsureObject("spec");
        if (spec["finalizers"] is null)
        {
            spec["finalizers"] = new JsonArray("kubernetes");
        }
        obj["status"] = new JsonObject { ["phase"] = "Active" };
        var name = obj.Object("metadata").String("name");
        if (name is not null)
        {
            obj.Metadata().EnsureObject("labels")["kubernetes.io/metadata.name"] = name;
        }
    }

    public override void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        obj["spec"] = old["spec"]?.DeepClone();
        var name = obj.Object("metadata").String("name");
        if (name is not null)
        {
            obj.Metadata().EnsureObject("labels")["kubernetes.io/metadata.name"] = name;
        }
    }

    public override IEnumerable<string> ValidateName(string name) => ObjectMetaRules.ValidateLabel(name);
}
