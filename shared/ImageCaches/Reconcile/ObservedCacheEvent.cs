namespace ImageCacheFunctions.ImageCaches.Reconcile;

/// <summary>An event ECI reports for a cache (typically one image pull), e.g. "Success pull image busybox:latest".</summary>
public sealed record ObservedCacheEvent(
    int Count,
    string? Type,
    string? Name,
    string? Message,
    string? Reason,
    DateTimeOffset? FirstTimestamp,
    DateTimeOffset? LastTimestamp);
