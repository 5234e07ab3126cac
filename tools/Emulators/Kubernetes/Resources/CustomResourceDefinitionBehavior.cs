using System.Text.Json.Nodes;
using ImageCacheFunctions.Emulators.Kubernetes.Json;
using ImageCacheFunctions.Emulators.Kubernetes.Schema;

namespace ImageCacheFunctions.Emulators.Kubernetes.Resources;

/// <summary>
/// CustomResourceDefinitions (apiextensions.k8s.io/v1): checked enough to be served, names
/// defaulted, and reported Established at once (there is no controller to wait for).
/// </summary>
internal sealed class CustomResourceDefinitionBehavior : ResourceBehavior
{
    public override void PrepareForCreate(JsonObject obj)
    {
        var spec = obj.Object("spec");
        var names = spec?.Object("names");
        if (names is not null && names.String("kind") is { } kind)
        {
            names["listKind"] ??= kind + "List";
            names["singular"] ??= kind.ToLowerInvariant();
        }
        var storage = (spec?["versions"] as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(v => v["storage"] is JsonValue s && s.GetValueKind() == System.Text.Json.JsonValueKind.True)?.String("name");
        obj["status"] = new JsonObject
        {
            ["acceptedNames"] = names?.DeepClone() ?? new JsonObject(),
            ["conditions"] = new JsonArray(
                Condition("NamesAccepted", "NoConflicts", "no conflicts found", obj),
                Condition("Established", "InitialNamesAccepted", "the initial names have been accepted", obj)),
            ["storedVersions"] = storage is null ? new JsonArray() : new JsonArray(storage),
        };
    }

    public override void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        PrepareForCreate(obj);
        // Keep the transition times of conditions that did not change.
        if (old.Object("status")?["conditions"] is JsonArray oldConditions && obj.Object("status")?["conditions"] is JsonArray conditions)
        {
            foreach (var condition in conditions.OfType<JsonObject>())
            {
                var previous = oldConditions.OfType<JsonObject>().FirstOrDefault(c => c.String("type") == condition.String("type"));
                if (previous?["lastTransitionTime"] is { } time)
                {
                    condition["lastTransitionTime"] = time.DeepClone();
                }
            }
        }
    }

    public override void Validate(JsonObject obj, JsonObject? old, List<FieldError> errors)
    {
        var spec = obj.Object("spec");
        if (spec is null)
        {
            errors.Add(FieldError.Required("spec"));
            return;
        }
        var group = spec.String("group");
        var names = spec.Object("names");
        var plural = names.String("plural");
        if (string.IsNullOrEmpty(group))
        {
            errors.Add(FieldError.Required("spec.group"));
        }
        if (string.IsNullOrEmpty(plural))
        {
            errors.Add(FieldError.Required("spec.names.plural"));
        }
        if (string.IsNullOrEmpty(names.String("kind")))
        {
            errors.Add(FieldError.Required("spec.names.kind"));
        }
        var name = obj.Object("metadata").String("name");
        if (!string.IsNullOrEmpty(group) && !string.IsNullOrEmpty(plural) && name != $"{plural}.{group}")
        {
            errors.Add(FieldError.Invalid("metadata.name", name, "must be spec.names.plural+\".\"+spec.group"));
        }
        if (spec.String("scope") is not ("Cluster" or "Namespaced"))
        {
            errors.Add(FieldError.NotSupported("spec.scope", spec["scope"]?.DeepClone(), [JsonValue.Create("Cluster"), JsonValue.Create("Namespaced")]));
        }
        var versions = (spec["versions"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
        if (versions.Count == 0)
        {
            errors.Add(FieldError.Invalid("spec.versions", new JsonArray(), "must have exactly one version marked as storage version"));
            return;
        }
        var storageCount = versions.Count(v => v["storage"] is JsonValue s && s.GetValueKind() == System.Text.Json.JsonValueKind.True);
        if (storageCount != 1)
        {
            errors.Add(FieldError.Invalid("spec.versions", storageCount, "must have exactly one version marked as storage version"));
        }
        for (var i = 0; i < versions.Count; i++)
        {
            if (versions[i].Object("schema")?.Object("openAPIV3Schema") is not { } schema)
            {
                errors.Add(FieldError.Required($"spec.versions[{i}].schema.openAPIV3Schema", "schemas are required"));
                continue;
            }
            try
            {
                _ = new StructuralSchema(schema);
            }
            catch (ArgumentException ex)
            {
                errors.Add(FieldError.Invalid($"spec.versions[{i}].schema.openAPIV3Schema", "", ex.Message));
            }
            var columns = (versions[i]["additionalPrinterColumns"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
            for (var j = 0; j < columns.Count; j++)
            {
                var jsonPath = columns[j].String("jsonPath");
                try
                {
                    _ = new PrinterColumnPath(jsonPath ?? "");
                }
                catch (FormatException ex)
                {
                    errors.Add(FieldError.Invalid($"spec.versions[{i}].additionalPrinterColumns[{j}].jsonPath", jsonPath, ex.Message));
                }
            }
        }
    }

    private static JsonObject Condition(string type, string reason, string message, JsonObject obj) => new()
    {
        ["type"] = type,
        ["status"] = "True",
        ["lastTransitionTime"] = obj.Object("metadata").String("creationTimestamp"),
        ["reason"] = reason,
        ["message"] = message,
    };
}
