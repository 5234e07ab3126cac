namespace ImageCacheFunctions.Eci.Models;

/// <summary>An event of building a cache, e.g. "Success pull image busybox:latest".</summary>
/// <param name="Count">Occurrences.</param>
/// <param name="Type">Normal or Warning.</param>
/// <param name="Name">What it is about (usually the image).</param>
/// <param name="Message">Human-readable text.</param>
/// <param name="Reason">Machine-readable reason.</param>
/// <param name="FirstTimestamp">First occurrence.</param>
/// <param name="LastTimestamp">Last occurrence.</param>
public sealed record ImageCacheEvent(
    int Count,
    string? Type,
    string? Name,
    string? Message,
    string? Reason,
    DateTimeOffset? FirstTimestamp,
    DateTimeOffset? LastTimestamp);
