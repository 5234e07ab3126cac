using ImageCacheFunctions.Emulators.Kubernetes.Resources;

namespace ImageCacheFunctions.Emulators.Kubernetes.Api;

/// <summary>What a resource URL addresses: a type, maybe a namespace, a name and a subresource.</summary>
internal sealed record RequestTarget(ResourceType Type, string? Namespace, string? Name, string? Subresource, bool WatchPrefix);
