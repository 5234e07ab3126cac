namespace ImageCacheFunctions.ImageCaches.Operations.Api;

/// <summary>
/// The answer of <c>GET /wait</c>: 200 with <see cref="Ready"/> true and the cache, or 408
/// with what was seen last (the caches that hold the image, in whatever phase and at whatever digest).
/// </summary>
public sealed record WaitResponse(
    bool Ready,
    string Image,
    string? Digest,
    double WaitedSeconds,
    int Polls,
    CacheSummary? Cache,
    IReadOnlyList<WaitCandidate> Seen,
    string Message);

/// <summary>A cache that holds the image (by tag) and why it does not answer the wait yet.</summary>
public sealed record WaitCandidate(string Name, string? Phase, string? Progress, string? CachedDigest, string Reason);
