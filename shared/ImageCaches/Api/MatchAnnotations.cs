namespace ImageCacheFunctions.ImageCaches.Api;

/// <summary>
/// The current ECI documentation's refinements of automatic match (pod annotations). They are
/// read only by matching, beside the cache-selecting annotations in
/// <see cref="Resources.PodAnnotations"/>.
/// </summary>
public static class MatchAnnotations
{
    /// <summary>"true": use a cache only when it holds every image of the pod.</summary>
    public const string PerfectMatch = "k8s.aliyun.com/imc-perfect-match";

    /// <summary>A count: use a cache only when it holds at least that many of the pod's images.</summary>
    public const string MatchCountRequest = "k8s.aliyun.com/imc-match-count-request";
}
