using ImageCacheFunctions.ImageCaches.Api;
using ImageCacheFunctions.ImageCaches.Resources;
using k8s.Models;

namespace ImageCacheFunctions.ImageCaches.Tests.Api;

/// <summary>ImageCache objects and match candidates for the table-driven tests.</summary>
internal static class Candidates
{
    public static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>An ImageCache as reconcile leaves it: spec, and a status with phase, id, start time and digests.</summary>
    public static ImageCache Object(
        string name,
        string[] images,
        string? phase = ImageCachePhase.Ready,
        int? size = null,
        int createdHoursAgo = 24,
        string? id = "default",
        DateTimeOffset? expires = null,
        bool deleting = false,
        IReadOnlyDictionary<string, string>? digests = null)
    {
        var cache = ImageCache.Create(name, new ImageCacheSpec { Images = [.. images], ImageCacheSize = size });
        cache.Metadata.CreationTimestamp = Now.AddHours(-createdHoursAgo).UtcDateTime;
        if (deleting)
        {
            cache.Metadata.DeletionTimestamp = Now.UtcDateTime;
        }

        cache.Status = new ImageCacheStatus
        {
            Phase = phase,
            ImageCacheId = id == "default" ? $"imc-{name}" : id,
            StartTime = Now.AddHours(-createdHoursAgo),
            ExpireDateTime = expires,
            Images = digests?.Select(d => new ImageCacheImageStatus { Image = d.Key, Digest = d.Value }).ToList(),
        };
        return cache;
    }

    public static MatchCandidate Candidate(
        string name,
        string[] images,
        string? phase = ImageCachePhase.Ready,
        int? size = null,
        int createdHoursAgo = 24,
        string? id = "default",
        DateTimeOffset? expires = null,
        bool deleting = false,
        IReadOnlyDictionary<string, string>? digests = null) =>
        MatchCandidate.From(Object(name, images, phase, size, createdHoursAgo, id, expires, deleting, digests));

    public static string Sha(char c) => "sha256:" + new string(c, 64);
}
