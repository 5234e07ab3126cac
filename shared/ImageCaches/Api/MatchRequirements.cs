namespace ImageCacheFunctions.ImageCaches.Api;

/// <summary>
/// Extra conditions a pod can put on automatic match (current ECI generation,
/// <see cref="MatchAnnotations"/>): every image held, or at least a number of them. A cache
/// that falls short does not qualify; ECI then pulls instead of using a partial cache.
/// </summary>
public sealed record MatchRequirements(bool RequireAllImages = false, int? MinimumMatchedImages = null)
{
    public static MatchRequirements None { get; } = new();
}
