using System.Text.Json.Nodes;
using ImageCacheFunctions.Emulators.Kubernetes.Json;
using ImageCacheFunctions.Emulators.Kubernetes.Schema;

namespace ImageCacheFunctions.Emulators.Kubernetes.Resources;

/// <summary>core/v1 Events: an involved object is required and must be in the event's namespace.</summary>
internal sealed class EventBehavior : ResourceBehavior
{
    public override void Validate(JsonObject obj, JsonObject? old, List<FieldError> errors)
    {
        var involved = obj.Object("involvedObject");
        if (involved is null)
        {
            errors.Add(FieldError.Required("involvedObject"));
            return;
        }
        var ns = obj.Object("metadata").String("namespace");
        var involvedNamespace = involved.String("namespace");
        // Events about cluster-scoped objects (ImageCaches) live in "default" with no involved namespace.
        if (!string.IsNullOrEmpty(involvedNamespace) && involvedNamespace != ns)
        {
            errors.Add(FieldError.Invalid("involvedObject.namespace", involvedNamespace, "does not match event.namespace"));
        }
    }

    public override IEnumerable<string> ValidateName(string name) => ObjectMetaRules.ValidatePathSegment(name);
}
