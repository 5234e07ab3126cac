namespace ImageCacheFunctions.Emulators.Kubernetes.Storage;

/// <summary>One page of a list: the items, the revision it was read at, and how to continue.</summary>
internal sealed record ListPage(IReadOnlyList<StoredObject> Items, long Revision, string? Continue, long? RemainingItemCount);
