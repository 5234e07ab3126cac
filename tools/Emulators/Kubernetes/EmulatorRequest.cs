namespace ImageCacheFunctions.Emulators.Kubernetes;

/// <summary>
/// One request the emulator answered, classified as the apiserver's audit log would:
/// verb (get, list, watch, create, update, patch, delete, deletecollection, or discovery),
/// API group ("" for core), resource, subresource, namespace and name.
/// </summary>
public sealed record EmulatorRequest(
    string Method,
    string Path,
    string Query,
    string Verb,
    string? Group,
    string? Resource,
    string? Subresource,
    string? Namespace,
    string? Name,
    int StatusCode)
{
    /// <summary>True for verbs that change state (create, update, patch, delete, deletecollection).</summary>
    public bool IsWrite => Verb is "create" or "update" or "patch" or "delete" or "deletecollection";
}
