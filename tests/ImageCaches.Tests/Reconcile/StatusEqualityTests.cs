using System.Reflection;
using System.Text.Json.Serialization;
using ImageCacheFunctions.ImageCaches.Reconcile;
using ImageCacheFunctions.ImageCaches.Resources;
using ImageCacheFunctions.ImageCaches.Settings;
using k8s.Models;

namespace ImageCacheFunctions.ImageCaches.Tests.Reconcile;

/// <summary>
/// StatusJson.Same answers from the fields when they prove two statuses equal and through the
/// wire format otherwise: either way "same" means "would be written the same".
/// </summary>
public sealed class StatusEqualityTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_status_and_its_copy_are_the_same_and_each_changed_field_is_seen()
    {
        var status = Converged();
        Assert.True(StatusJson.Same(status, StatusJson.Clone(status)));

        // What a converged pass relies on: a copy is proven equal from the fields, not the text.
        Assert.True(StatusEquality.Proven(status, StatusJson.Clone(status)!));

        var changes = new Action<ImageCacheStatus>[]
        {
            s => s.Phase = ImageCachePhase.Updating,
            s => s.Progress = "50%",
            s => s.LastUpdatedTime = Now.AddSeconds(1),
            s => s.ObservedGeneration = 3,
            s => s.Events![1].Count = 2,
            s => s.Events![0].Metadata.Name = "other:1",
            s => s.Events!.RemoveAt(0),
            s => s.Conditions![0].Message = "changed",
            s => s.Images![0].Digest = "sha256:" + new string('b', 64),
            s => s.Settings = s.Settings! with { Flash = true },
            s => s.LastRefresh!.PushToReadySeconds = 9,
            s => s.PendingRefresh = new PendingRefresh { DeliveryId = "d-1", Images = [] },
        };
        foreach (var change in changes)
        {
            var copy = StatusJson.Clone(status)!;
            change(copy);
            Assert.False(StatusJson.Same(status, copy));
            Assert.False(StatusJson.Same(copy, status));
            Assert.False(StatusEquality.Proven(status, copy));
        }
    }

    [Fact]
    public void Times_that_are_written_the_same_compare_the_same()
    {
        // The API server keeps whole seconds (KubernetesTime): a status planned with a sub-second
        // time is the same as the one read back.
        var status = Converged();
        var copy = StatusJson.Clone(status)!;
        copy.LastUpdatedTime = Now.AddMilliseconds(400);
        copy.Events = [];
        status.Events = [];

        Assert.True(StatusJson.Same(status, copy));
        Assert.True(StatusJson.Same(null, new ImageCacheStatus()));
        Assert.False(StatusJson.Same(null, status));
    }

    [Fact]
    public void Every_field_of_the_status_is_one_the_field_comparison_knows()
    {
        // A new status field must be added to StatusEquality.Proven and StatusCopy.Of (and to the
        // list below), or a change to it alone would be called "the same" and never written, and
        // the planner's copy would drop it.
        var known = new[]
        {
            "phase", "progress", "imageCacheId", "startTime", "lastUpdatedTime", "events", "expireDateTime",
            "observedGeneration", "images", "lastMatchedTime", "pendingRefresh", "settings", "measuredImageSize",
            "platform", "flashSnapshotId", "eliminationStrategy", "lastRefresh", "conditions",
        };
        var wire = typeof(ImageCacheStatus).GetProperties()
            .Select(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name)
            .OfType<string>();
        Assert.Equal(known.Order(StringComparer.Ordinal), wire.Order(StringComparer.Ordinal));
        Assert.Equal(["Digest", "ExtensionData", "Image", "PushedAt"], typeof(ImageCacheImageStatus).GetProperties().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["ExtensionData", "PushToReadySeconds", "ReadyAt", "RequestedAt"], typeof(ImageCacheLastRefresh).GetProperties().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["DeliveryId", "ExtensionData", "Images", "Reason", "RequestedAt"], typeof(PendingRefresh).GetProperties().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["Digest", "ExtensionData", "Image", "PushedAt"], typeof(PendingRefreshImage).GetProperties().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    private static ImageCacheStatus Converged()
    {
        var pulled = new ObservedCacheEvent(1, "Normal", "busybox:latest", "Success pull image busybox:latest", "Pulled", Now.AddMinutes(-2), Now.AddMinutes(-2));
        var pause = new ObservedCacheEvent(1, "Normal", "pause:3.0", "Success pull image pause:3.0", "Pulled", Now.AddMinutes(-1), Now.AddMinutes(-1));
        return new ImageCacheStatus
        {
            Phase = ImageCachePhase.Ready,
            Progress = "100%",
            ImageCacheId = "imc-1",
            StartTime = Now.AddMinutes(-3),
            LastUpdatedTime = Now,
            ObservedGeneration = 2,
            Events = StatusEvents.Merge(null, [pulled, pause], 50),
            Images = [new ImageCacheImageStatus { Image = "busybox:latest", Digest = "sha256:" + new string('a', 64), PushedAt = Now.AddHours(-1) }],
            Settings = new CacheSettings { EliminationStrategy = "LRU" },
            LastRefresh = new ImageCacheLastRefresh { RequestedAt = Now.AddMinutes(-3), ReadyAt = Now, PushToReadySeconds = 180 },
            Conditions = [new V1Condition { Type = ImageCacheConditionTypes.Ready, Status = "True", Reason = "Ready", Message = "the cache is Ready", LastTransitionTime = Now.UtcDateTime, ObservedGeneration = 2 }],
        };
    }
}
