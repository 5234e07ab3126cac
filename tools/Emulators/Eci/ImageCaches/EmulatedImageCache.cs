using System.Globalization;

namespace ImageCacheFunctions.Emulators.Eci.ImageCaches;

/// <summary>
/// One cache's stored facts. Its status, progress, events and expiry are derived from the clock
/// when read (<see cref="ViewAt"/>), so advancing the clock needs no timers.
/// </summary>
internal sealed class EmulatedImageCache
{
    public required string Id { get; init; }

    public required long Sequence { get; init; }

    public required string RegionId { get; init; }

    public required string ContainerGroupId { get; init; }

    public required string SnapshotId { get; init; }

    public required DateTimeOffset CreationTime { get; init; }

    public required string Name { get; set; }

    public int Size { get; set; } = 20;

    public int? RetentionDays { get; set; }

    public string? ResourceGroupId { get; set; }

    public string? EliminationStrategy { get; set; }

    public bool Flash { get; set; }

    public IReadOnlyList<TagView> Tags { get; set; } = [];

    public DateTimeOffset? LastMatchedTime { get; set; }

    public required BuildAttempt Build { get; set; }

    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// Whether the cache still exists at <paramref name="now"/> (expired caches vanish): what
    /// <see cref="ViewAt"/> decides, without building the view, so a Describe page builds views
    /// for its own caches only.
    /// </summary>
    public bool ExistsAt(DateTimeOffset now, PullRules rules, EmulatorTimings timings) =>
        ExpireAt(now, OutcomeOf(rules), timings) is not { } expire || expire > now;

    /// <summary>The cache as seen at <paramref name="now"/>, or null when it has expired (expired caches vanish).</summary>
    public ImageCacheView? ViewAt(DateTimeOffset now, PullRules rules, EmulatorTimings timings)
    {
        var build = Build;
        var preparingEnd = build.StartedAt + timings.Preparing;
        var events = new List<EventView>();
        var outcome = OutcomeOf(rules);
        var (failedAt, failure) = outcome;
        DateTimeOffset PulledAt(int index) => preparingEnd + (timings.PullPerImage * (index + 1));
        var doneAt = PulledAt(build.Images.Count - 1);
        string status;
        int progress;
        var expire = ExpireAt(now, outcome, timings);
        if (expire is not null && expire <= now)
        {
            return null;
        }

        if (now < preparingEnd)
        {
            status = build.IsUpdate ? "Updating" : "Preparing";
            progress = 0;
        }
        else if (failedAt >= 0 && now >= PulledAt(failedAt))
        {
            AddPullEvents(events, build.Images, failedAt, PulledAt);
            var failedTime = PulledAt(failedAt);
            events.Add(new EventView(1, "Warning", build.Images[failedAt], failure!, "Failed", Format(failedTime), Format(failedTime)));
            status = build.IsUpdate ? "UpdateFailed" : "Failed";
            progress = failedAt * 100 / build.Images.Count;
        }
        else if (now < doneAt)
        {
            int pulled = Enumerable.Range(0, build.Images.Count).Count(i => PulledAt(i) <= now);
            AddPullEvents(events, build.Images, pulled, PulledAt);
            status = build.IsUpdate ? "Updating" : "Creating";
            progress = Math.Clamp((int)((now - preparingEnd) / (doneAt - preparingEnd) * 100), 1, 99);
        }
        else
        {
            AddPullEvents(events, build.Images, build.Images.Count, PulledAt);
            string pause = $"registry-vpc.{RegionId}.aliyuncs.com/acs/pause-amd64:3.0";
            events.Add(new EventView(1, "Normal", pause, "Success pull image " + pause, "Pulled", Format(doneAt), Format(doneAt)));
            status = "Ready";
            progress = 100;
        }

        bool hasSnapshot = status is "Ready" or "Updating" or "UpdateFailed";
        return new ImageCacheView(
            Id,
            Name,
            hasSnapshot ? SnapshotId : null,
            hasSnapshot && Flash ? "f-" + SnapshotId[2..] : null,
            ContainerGroupId,
            status,
            progress.ToString(CultureInfo.InvariantCulture) + "%",
            build.Images,
            Size,
            Format(CreationTime),
            expire is null ? null : Format(expire.Value),
            LastMatchedTime is null ? null : Format(LastMatchedTime.Value),
            EliminationStrategy,
            RegionId,
            ResourceGroupId,
            Tags,
            events);
    }

    /// <summary>
    /// The first image the build fails on and why, or -1: an unpullable image, or "If the total
    /// image size exceeds the specified cache size, the creation fails" (Manage image caches).
    /// </summary>
    private BuildOutcome OutcomeOf(PullRules rules)
    {
        var build = Build;
        long bytes = 0;
        for (int i = 0; i < build.Images.Count; i++)
        {
            bytes += rules.SizeOf(build.Images[i]);
            string? failure = rules.FailureOf(build.Images[i], build.CredentialServers)
                ?? (bytes > Size * (1L << 30) ? $"Failed to pull image {build.Images[i]}: no space left on device: the images need more than the image cache size of {Size} GiB" : null);
            if (failure is not null)
            {
                return new BuildOutcome(i, failure);
            }
        }

        return new BuildOutcome(-1, null);
    }

    /// <summary>The end of retention, or for a failed creation its failure time plus the failed retention.</summary>
    private DateTimeOffset? ExpireAt(DateTimeOffset now, BuildOutcome outcome, EmulatorTimings timings)
    {
        var build = Build;
        var preparingEnd = build.StartedAt + timings.Preparing;
        var failedTime = preparingEnd + (timings.PullPerImage * (outcome.FailedAt + 1));
        if (!build.IsUpdate && outcome.FailedAt >= 0 && now >= preparingEnd && now >= failedTime)
        {
            return failedTime + timings.FailedRetention;
        }

        return RetentionDays is int days ? CreationTime.AddDays(days) : null;
    }

    private static void AddPullEvents(List<EventView> events, IReadOnlyList<string> images, int count, Func<int, DateTimeOffset> pulledAt)
    {
        for (int i = 0; i < count; i++)
        {
            string time = Format(pulledAt(i));
            events.Add(new EventView(1, "Normal", images[i], "Success pull image " + images[i], "Pulled", time, time));
        }
    }
}

/// <summary>The first image a build fails on (-1 when none) and the failure's message.</summary>
internal readonly record struct BuildOutcome(int FailedAt, string? Failure);

/// <summary>How long the lifecycle phases take.</summary>
internal sealed record EmulatorTimings(TimeSpan Preparing, TimeSpan PullPerImage, TimeSpan FailedRetention);
