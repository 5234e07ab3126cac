using ImageCacheFunctions.ImageCaches.Answers;
using ImageCacheFunctions.ImageCaches.Images;
using ImageCacheFunctions.ImageCaches.Kubernetes;
using ImageCacheFunctions.ImageCaches.Kubernetes.Errors;
using ImageCacheFunctions.ImageCaches.Api;
using ImageCacheFunctions.ImageCaches.Resources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImageCacheFunctions.ImageCaches.Operations.Api;

/// <summary>
/// <c>GET /wait?image=&amp;digest=&amp;timeout=</c>: a gate for CI between "pushed" and "deploy".
/// Polls the ImageCache objects every <see cref="ApiOptions.WaitPollInterval"/> (delays on the
/// injected <see cref="TimeProvider"/>) until a Ready, unexpired cache holds the image (at the
/// digest, when one is given, per status.images), then answers 200; after the timeout, 408.
/// </summary>
public sealed partial class ImageCacheWait(ImageCacheStore store, TimeProvider time, IOptions<ApiOptions> options, ILogger<ImageCacheWait> logger)
{
    private readonly ApiOptions _settings = options.Value;

    public async Task<ApiResult> WaitAsync(string? image, string? digest, string? timeout, CancellationToken cancellationToken)
    {
        if (!TryReadRequest(image, digest, timeout, out var wanted, out var wantedDigest, out var limit, out var problems))
        {
            return ApiResult.BadRequest(string.Join("; ", problems), problems);
        }

        var started = time.GetTimestamp();
        var polls = 0;
        string? lastError = null;
        IReadOnlyList<WaitCandidate> seen = [];
        while (true)
        {
            polls++;
            try
            {
                var caches = await store.ReadAllAsync(cancellationToken).ConfigureAwait(false);
                lastError = null;
                var (ready, candidates) = Look(caches, wanted!, wantedDigest, time.GetUtcNow());
                seen = candidates;
                if (ready is not null)
                {
                    var waited = time.GetElapsedTime(started);
                    LogReady(logger, wanted!.ToString(), ready.Name, waited.TotalSeconds);
                    return ApiResult.Ok(new WaitResponse(true, wanted.ToString(), wantedDigest?.ToString(), Math.Round(waited.TotalSeconds, 3), polls,
                        ready, candidates, $"ImageCache {ready.Name} ({ready.ImageCacheId}) is Ready and holds {wanted}{(wantedDigest is { } d ? $" at {d}" : "")}"));
                }
            }
            catch (KubernetesApiException ex)
            {
                // A blip of the API server should not fail a gate that has time left.
                lastError = ex.Message;
                LogPollFailed(logger, ex.Message);
            }

            var remaining = limit - time.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                var waited = time.GetElapsedTime(started);
                if (lastError is not null)
                {
                    return ApiResult.Unavailable($"the ImageCache objects could not be read: {lastError}");
                }

                return ApiResult.Status(408, new WaitResponse(false, wanted!.ToString(), wantedDigest?.ToString(), Math.Round(waited.TotalSeconds, 3), polls, null, seen,
                    $"no Ready ImageCache held {wanted}{(wantedDigest is { } d ? $" at {d}" : "")} within {WaitDuration.Format(limit)}"));
            }

            var pause = remaining < _settings.WaitPollInterval ? remaining : _settings.WaitPollInterval;
            await Task.Delay(pause, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The first (by name) Ready cache that satisfies the wait, and every cache holding the image
    /// by name with why it does not (yet). With a tag and a digest, the cache must hold the tag
    /// and have cached that digest for it; with only a digest, any entry at that digest counts.
    /// </summary>
    public static (CacheSummary? Ready, IReadOnlyList<WaitCandidate> Seen) Look(IEnumerable<ImageCache> caches, ImageReference wanted, Digest? digest, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(caches);
        ArgumentNullException.ThrowIfNull(wanted);
        var byName = wanted.Tag is not null ? wanted with { Digest = null } : wanted;
        CacheSummary? ready = null;
        var seen = new List<WaitCandidate>();
        foreach (var cache in caches.OrderBy(c => c.Metadata?.Name, StringComparer.Ordinal))
        {
            var candidate = MatchCandidate.From(cache);
            if (candidate.Holding(byName) is not { } held)
            {
                continue;
            }

            var cachedDigest = held.Reference?.Digest ?? held.RecordedDigest;
            string? reason = candidate.IsBeingDeleted ? "being deleted"
                : !candidate.IsReady ? $"phase is {candidate.Phase ?? "unknown"}"
                : candidate.IsExpiredAt(now) ? "expired"
                : digest is { } d && cachedDigest != d ? (cachedDigest is null ? "cached digest not recorded yet" : "holds another digest")
                : null;
            seen.Add(new WaitCandidate(candidate.Name, candidate.Phase, candidate.Progress, cachedDigest?.ToString(), reason ?? "ready"));
            if (reason is null && ready is null)
            {
                ready = CacheSummary.From(cache);
            }
        }

        return (ready, seen);
    }

    private bool TryReadRequest(string? image, string? digest, string? timeout, out ImageReference? wanted, out Digest? wantedDigest, out TimeSpan limit, out List<FieldProblem> problems)
    {
        problems = [];
        wanted = null;
        wantedDigest = null;
        limit = _settings.WaitDefaultTimeout;
        if (string.IsNullOrWhiteSpace(image))
        {
            problems.Add(new FieldProblem("image", "is required, e.g. image=registry.example.com/team/app:1.4.2"));
        }
        else if (!ImageReference.TryParse(image.Trim(), out wanted, out var error))
        {
            problems.Add(new FieldProblem("image", error!));
        }

        if (!string.IsNullOrWhiteSpace(digest))
        {
            if (!Images.Digest.TryParse(digest.Trim(), out var parsed, out var error))
            {
                problems.Add(new FieldProblem("digest", error!));
            }
            else if (wanted?.Digest is { } inImage && inImage != parsed)
            {
                problems.Add(new FieldProblem("digest", $"differs from the digest in image ({inImage})"));
            }
            else
            {
                wantedDigest = parsed;
            }
        }
        else
        {
            wantedDigest = wanted?.Digest;
        }

        if (!string.IsNullOrWhiteSpace(timeout))
        {
            if (!WaitDuration.TryParse(timeout, out limit) || limit <= TimeSpan.Zero)
            {
                problems.Add(new FieldProblem("timeout", $"'{Shorten(timeout)}' is not a positive duration such as 90, 90s, 5m or 1m30s"));
            }
            else if (limit > _settings.WaitMaxTimeout)
            {
                problems.Add(new FieldProblem("timeout", $"{WaitDuration.Format(limit)} is longer than the longest wait allowed, {WaitDuration.Format(_settings.WaitMaxTimeout)} (Api:WaitMaxTimeout, kept below the function's exec_timeout); call again to wait longer"));
            }
        }

        return problems.Count == 0;
    }

    private static string Shorten(string value) => value.Length <= 32 ? value : value[..29] + "...";

    [LoggerMessage(Level = LogLevel.Information, Message = "wait for {Image}: ImageCache {Name} is Ready after {Seconds:0.0} s")]
    private static partial void LogReady(ILogger logger, string image, string name, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "wait: reading the ImageCache objects failed, trying again: {Detail}")]
    private static partial void LogPollFailed(ILogger logger, string detail);
}
