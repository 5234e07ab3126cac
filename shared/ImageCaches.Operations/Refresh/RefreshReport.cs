using ImageCacheFunctions.ImageCaches.Refresh;

namespace ImageCacheFunctions.ImageCaches.Operations.Refresh;

/// <summary>A push that refreshed or created nothing, and why.</summary>
/// <param name="Image">The pushed image.</param>
/// <param name="Reason">Why nothing was done for it.</param>
public sealed record IgnoredPush(string Image, string Reason);

/// <summary>What became of one ImageCache a delivery matched (or created).</summary>
/// <param name="Name">The object.</param>
/// <param name="Created">Created for this delivery by an auto-create rule.</param>
/// <param name="Rule">The auto-create rule that created it, if any.</param>
/// <param name="Decisions">What each matching push means for each of its images.</param>
/// <param name="RefreshRecorded">A refresh was recorded (or merged) in status.pendingRefresh by this delivery.</param>
/// <param name="Reconcile">
/// What the immediate reconcile did: <c>updated</c> or <c>created</c> (ECI accepted it), <c>pending</c>
/// (ECI is busy: reconcile-status applies it when ECI allows), <c>blocked</c>, <c>error</c>,
/// <c>running</c> (not finished when the delivery was answered), <c>not-needed</c>; null when
/// nothing was started.
/// </param>
/// <param name="Phase">status.phase as last seen.</param>
/// <param name="Message">A problem with this cache, if any.</param>
public sealed record CacheRefreshResult(
    string Name,
    bool Created,
    string? Rule,
    IReadOnlyList<ImageRefreshDecision> Decisions,
    bool RefreshRecorded,
    string? Reconcile,
    string? Phase,
    string? Message);

/// <summary>What a delivery's pushes did to the ImageCache objects.</summary>
public sealed record RefreshReport
{
    public IReadOnlyList<CacheRefreshResult> Caches { get; init; } = [];

    public IReadOnlyList<IgnoredPush> Ignored { get; init; } = [];

    /// <summary>Set when Kubernetes or ECI could not be used (or the time budget ran out before the refreshes were recorded): answer 503.</summary>
    public string? Unavailable { get; init; }

    /// <summary>How long the sender should wait before retrying, when <see cref="Unavailable"/>.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public int CachesMatched => Caches.Count;

    public int RefreshesRequested => Caches.Count(c => c.RefreshRecorded);

    public int CachesCreated => Caches.Count(c => c.Created);

    public static RefreshReport Nothing { get; } = new();
}
