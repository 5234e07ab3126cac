namespace ImageCacheFunctions.Emulators.Kubernetes.Storage;

/// <summary>The PATCH content types the apiserver accepts.</summary>
internal enum PatchKind
{
    Merge,
    Json,
    StrategicMerge,
    Apply,
}
