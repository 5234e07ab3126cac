namespace ImageCacheFunctions.Emulators.Kubernetes.Storage;

/// <summary>A change to one object: ADDED, MODIFIED or DELETED, with the version before it.</summary>
internal sealed record WatchEvent(string Type, StoredObject Object, StoredObject? Previous)
{
    public long ResourceVersion => Object.ResourceVersion;
}
