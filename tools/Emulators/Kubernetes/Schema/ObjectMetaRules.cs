using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ImageCacheFunctions.Emulators.Kubernetes.Json;

namespace ImageCacheFunctions.Emulators.Kubernetes.Schema;

/// <summary>ObjectMeta validation of the apiserver: names, labels, annotations, finalizers.</summary>
internal static partial class ObjectMetaRules
{
    public const int MaxAnnotationsBytes = 256 * 1024;

    private const string Dns1123LabelFormat = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private const string Dns1123SubdomainFormat = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
    private const string QualifiedNameFormat = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private const string LabelValueFormat = "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?";

    /// <summary>The object metadata fields the apiserver keeps; anything else is pruned.</summary>
    public static readonly IReadOnlySet<string> KnownFields = new HashSet<string>(StringComparer.Ordinal)
    {
        "name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation",
        "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations",
        "ownerReferences", "finalizers", "managedFields",
    };

    public static IEnumerable<string> ValidateSubdomain(string name)
    {
        if (name.Length > 253)
        {
            yield return "must be no more than 253 characters";
        }
        if (!Dns1123Subdomain().IsMatch(name))
        {
            yield return "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '" + Dns1123SubdomainFormat + "')";
        }
    }

    public static IEnumerable<string> ValidateLabel(string name)
    {
        if (name.Length > 63)
        {
            yield return "must be no more than 63 characters";
        }
        if (!Dns1123Label().IsMatch(name))
        {
            yield return "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '" + Dns1123LabelFormat + "')";
        }
    }

    /// <summary>Names that are path segments: never "." or "..", never containing '/' or '%'.</summary>
    public static IEnumerable<string> ValidatePathSegment(string name)
    {
        if (name is "." or "..")
        {
            yield return $"may not be '{name}'";
        }
        foreach (var illegal in new[] { "/", "%" })
        {
            if (name.Contains(illegal, StringComparison.Ordinal))
            {
                yield return $"may not contain '{illegal}'";
            }
        }
    }

    public static IEnumerable<string> ValidateQualifiedName(string value)
    {
        var parts = value.Split('/');
        string name;
        switch (parts.Length)
        {
            case 1:
                name = parts[0];
                break;
            case 2:
                var prefix = parts[0];
                name = parts[1];
                if (prefix.Length == 0)
                {
                    yield return "prefix part must be non-empty";
                }
                else
                {
                    foreach (var message in ValidateSubdomain(prefix))
                    {
                        yield return "prefix part " + message;
                    }
                }
                break;
            default:
                yield return "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '" + QualifiedNameFormat + "') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')";
                yield break;
        }
        if (name.Length == 0)
        {
            yield return "name part must be non-empty";
        }
        else if (name.Length > 63)
        {
            yield return "name part must be no more than 63 characters";
        }
        if (name.Length > 0 && !QualifiedName().IsMatch(name))
        {
            yield return "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '" + QualifiedNameFormat + "')";
        }
    }

    public static IEnumerable<string> ValidateLabelValue(string value)
    {
        if (value.Length > 63)
        {
            yield return "must be no more than 63 characters";
        }
        if (!LabelValue().IsMatch(value))
        {
            yield return "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '" + LabelValueFormat + "')";
        }
    }

    /// <summary>Labels, annotations, finalizers and owner references of an object being written.</summary>
    public static void Validate(JsonObject metadata, List<FieldError> errors)
    {
        if (metadata["labels"] is JsonObject labels)
        {
            foreach (var (key, value) in labels)
            {
                foreach (var message in ValidateQualifiedName(key))
                {
                    errors.Add(FieldError.Invalid("metadata.labels", key, message));
                }
                if (value is not JsonValue v || v.GetValueKind() != System.Text.Json.JsonValueKind.String)
                {
                    errors.Add(FieldError.TypeInvalid($"metadata.labels.{key}", value, "must be of type string"));
                    continue;
                }
                foreach (var message in ValidateLabelValue(v.GetValue<string>()))
                {
                    errors.Add(FieldError.Invalid("metadata.labels", v.GetValue<string>(), message));
                }
            }
        }
        else if (metadata["labels"] is not null)
        {
            errors.Add(FieldError.TypeInvalid("metadata.labels", metadata["labels"], "must be of type object"));
        }

        if (metadata["annotations"] is JsonObject annotations)
        {
            var total = 0;
            foreach (var (key, value) in annotations)
            {
                foreach (var message in ValidateQualifiedName(key.ToLowerInvariant()))
                {
                    errors.Add(FieldError.Invalid("metadata.annotations", key, message));
                }
                if (value is not JsonValue v || v.GetValueKind() != System.Text.Json.JsonValueKind.String)
                {
                    errors.Add(FieldError.TypeInvalid($"metadata.annotations.{key}", value, "must be of type string"));
                    continue;
                }
                total += Encoding.UTF8.GetByteCount(key) + Encoding.UTF8.GetByteCount(v.GetValue<string>());
            }
            if (total > MaxAnnotationsBytes)
            {
                errors.Add(new FieldError("FieldValueTooLong", "metadata.annotations", $"Too long: must have at most {MaxAnnotationsBytes} bytes"));
            }
        }

        var finalizers = metadata["finalizers"] as JsonArray;
        if (finalizers is not null)
        {
            for (var i = 0; i < finalizers.Count; i++)
            {
                var finalizer = finalizers[i] is JsonValue fv && fv.GetValueKind() == System.Text.Json.JsonValueKind.String ? fv.GetValue<string>() : null;
                if (finalizer is null)
                {
                    errors.Add(FieldError.TypeInvalid($"metadata.finalizers[{i}]", finalizers[i], "must be of type string"));
                    continue;
                }
                foreach (var message in ValidateQualifiedName(finalizer))
                {
                    errors.Add(FieldError.Invalid($"metadata.finalizers[{i}]", finalizer, message));
                }
            }
        }

        if (metadata["ownerReferences"] is JsonArray owners)
        {
            for (var i = 0; i < owners.Count; i++)
            {
                var owner = owners[i] as JsonObject;
                foreach (var field in new[] { "apiVersion", "kind", "name", "uid" })
                {
                    if (string.IsNullOrEmpty(owner.String(field)))
                    {
                        errors.Add(FieldError.Invalid($"metadata.ownerReferences[{i}].{field}", "", $"{field} must not be empty"));
                    }
                }
            }
        }
    }

    [GeneratedRegex("^" + Dns1123SubdomainFormat + "$", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1123Subdomain();

    [GeneratedRegex("^" + Dns1123LabelFormat + "$", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1123Label();

    [GeneratedRegex("^" + QualifiedNameFormat + "$", RegexOptions.CultureInvariant)]
    private static partial Regex QualifiedName();

    [GeneratedRegex("^" + LabelValueFormat + "$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelValue();
}
