using System.Text.Json.Nodes;
using ImageCacheFunctions.Emulators.Kubernetes.Resources;
using ImageCacheFunctions.Emulators.Kubernetes.Schema;

namespace ImageCacheFunctions.Emulators.Kubernetes.Api;

/// <summary>
/// metav1.Status bodies with the reasons, codes and message wording of the real apiserver, so
/// clients that branch on them (KubernetesClient, kubectl) behave as against a cluster.
/// </summary>
internal static class StatusDocuments
{
    public static JsonObject Success(ResourceType type, string name, string? uid)
    {
        var details = new JsonObject { ["name"] = name };
        if (type.Group.Length > 0)
        {
            details["group"] = type.Group;
        }
        details["kind"] = type.Plural;
        if (uid is not null)
        {
            details["uid"] = uid;
        }
        return new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Success",
            ["details"] = details,
        };
    }

    public static JsonObject Failure(int code, string reason, string message, JsonObject? details)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
        };
        if (details is not null)
        {
            status["details"] = details;
        }
        status["code"] = code;
        return status;
    }

    public static ApiException NotFound(ResourceType type, string name) =>
        new(404, Failure(404, "NotFound", $"{type.QualifiedResource} \"{name}\" not found", Details(type, name)));

    public static ApiException NamespaceNotFound(string name) =>
        new(404, Failure(404, "NotFound", $"namespaces \"{name}\" not found", new JsonObject { ["name"] = name, ["kind"] = "namespaces" }));

    public static ApiException PathNotFound() =>
        new(404, Failure(404, "NotFound", "the server could not find the requested resource", new JsonObject()));

    public static ApiException AlreadyExists(ResourceType type, string name) =>
        new(409, Failure(409, "AlreadyExists", $"{type.QualifiedResource} \"{name}\" already exists", Details(type, name)));

    public static ApiException Conflict(ResourceType type, string name, string detail) =>
        new(409, Failure(409, "Conflict", $"Operation cannot be fulfilled on {type.QualifiedResource} \"{name}\": {detail}", Details(type, name)));

    public static ApiException StaleResourceVersion(ResourceType type, string name) =>
        Conflict(type, name, "the object has been modified; please apply your changes to the latest version and try again");

    public static ApiException Invalid(ResourceType type, string name, IReadOnlyList<FieldError> errors)
    {
        var causes = new JsonArray();
        foreach (var error in errors)
        {
            causes.Add(new JsonObject { ["reason"] = error.Reason, ["message"] = error.Detail, ["field"] = error.Field });
        }
        var details = new JsonObject { ["name"] = name };
        if (type.Group.Length > 0)
        {
            details["group"] = type.Group;
        }
        details["kind"] = type.Kind;
        details["causes"] = causes;
        var summary = errors.Count == 1
            ? errors[0].Message
            : "[" + string.Join(", ", errors.Select(e => e.Message)) + "]";
        return new(422, Failure(422, "Invalid", $"{type.QualifiedKind} \"{name}\" is invalid: {summary}", details));
    }

    /// <summary>The apiserver's answer to a JSON patch that cannot be applied (a failed test, a missing path).</summary>
    public static ApiException UnprocessablePatch(string message) =>
        new(422, Failure(422, "Invalid", "the server rejected our request due to an error in our request",
            new JsonObject { ["causes"] = new JsonArray(new JsonObject { ["message"] = message }) }));

    public static ApiException BadRequest(string message) => new(400, Failure(400, "BadRequest", message, null));

    public static ApiException MethodNotAllowed() =>
        new(405, Failure(405, "MethodNotAllowed", "the server does not allow this method on the requested resource", new JsonObject()));

    public static ApiException UnsupportedMediaType(string message) =>
        new(415, Failure(415, "UnsupportedMediaType", message, new JsonObject()));

    public static ApiException Unauthorized() => new(401, Failure(401, "Unauthorized", "Unauthorized", null));

    public static ApiException Expired(string message) => new(410, Failure(410, "Expired", message, null));

    public static ApiException Internal(string message) =>
        new(500, Failure(500, "InternalError", $"Internal error occurred: {message}",
            new JsonObject { ["causes"] = new JsonArray(new JsonObject { ["message"] = message }) }));

    private static JsonObject Details(ResourceType type, string name)
    {
        var details = new JsonObject { ["name"] = name };
        if (type.Group.Length > 0)
        {
            details["group"] = type.Group;
        }
        details["kind"] = type.Plural;
        return details;
    }
}
