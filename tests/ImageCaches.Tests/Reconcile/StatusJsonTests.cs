using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using ImageCacheFunctions.ImageCaches.Reconcile;
using ImageCacheFunctions.ImageCaches.Resources;
using ImageCacheFunctions.ImageCaches.Settings;
using k8s;
using k8s.Models;

namespace ImageCacheFunctions.ImageCaches.Tests.Reconcile;

/// <summary>
/// The planner's copy and comparison of statuses, made from the fields: a copy is written exactly
/// as its original and is independent of it; "same" means "would be written the same".
/// </summary>
public sealed class StatusJsonTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_copy_is_written_as_the_original_was()
    {
        var status = Full();
        Assert.Equal(KubernetesJson.Serialize(status), KubernetesJson.Serialize(StatusCopy.Of(status)));

        // As read from the API server (every field through the wire format) too.
        var read = KubernetesJson.Deserialize<ImageCacheStatus>(KubernetesJson.Serialize(status));
        Assert.Equal(KubernetesJson.Serialize(read), KubernetesJson.Serialize(StatusCopy.Of(read)));
    }

    [Fact]
    public void Changing_the_copy_leaves_the_original_as_it_was()
    {
        var status = Full();
        var before = KubernetesJson.Serialize(status);
        var copy = StatusCopy.Of(status);

        copy.Events![0].Count = 7;
        copy.Events[0].Metadata.Name = "changed";
        copy.Events[0].Source.Host = "changed";
        copy.Events.Add(new Corev1Event { Message = "added" });
        copy.Conditions![0].Message = "changed";
        copy.Images![0].Digest = "sha256:changed";
        copy.Images[0].ExtensionData!["added"] = JsonSerializer.SerializeToElement(1);
        copy.PendingRefresh!.Images![0].Digest = "sha256:changed";
        copy.PendingRefresh.Images.Clear();
        copy.LastRefresh!.PushToReadySeconds = 1;
        copy.ExtensionData!.Clear();

        Assert.Equal(before, KubernetesJson.Serialize(status));
    }

    [Fact]
    public void An_event_with_metadata_collections_is_copied_through_the_wire_format()
    {
        var status = Full();
        status.Events![0].Metadata.Labels = new Dictionary<string, string> { ["a"] = "b" };
        var copy = StatusCopy.Of(status);
        copy.Events![0].Metadata.Labels["a"] = "changed";

        Assert.Equal("b", status.Events[0].Metadata.Labels["a"]);
        Assert.True(StatusJson.Same(status, StatusCopy.Of(status)));
    }

    [Fact]
    public void A_status_and_its_copy_are_the_same_and_each_changed_field_is_seen()
    {
        var status = WithoutExtensionData(Full());
        Assert.True(StatusJson.Same(status, StatusJson.Clone(status)));

        // What a converged pass relies on: a copy is proven equal from the fields, not the text.
        Assert.True(StatusEquality.Proven(status, StatusJson.Clone(status)!));

        var changes = new Action<ImageCacheStatus>[]
        {
            s => s.Phase = ImageCachePhase.Updating,
            s => s.Progress = "50%",
            s => s.LastUpdatedTime = Now.AddSeconds(1),
            s => s.ObservedGeneration = 3,
            s => s.Events![0].Count = 3,
            s => s.Events![0].Metadata.Name = "other:1",
            s => s.Events!.RemoveAt(0),
            s => s.Conditions![0].Message = "changed",
            s => s.Images![0].Digest = "sha256:" + new string('b', 64),
            s => s.Settings = s.Settings! with { Flash = false },
            s => s.LastRefresh!.PushToReadySeconds = 9,
            s => s.PendingRefresh!.Images![0].Digest = "sha256:" + new string('d', 64),
            s => s.PendingRefresh = null,
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
        var status = Full();
        var copy = StatusJson.Clone(status)!;
        copy.LastUpdatedTime = Now.AddMilliseconds(400);

        Assert.True(StatusJson.Same(status, copy));
        Assert.True(StatusJson.Same(null, new ImageCacheStatus()));
        Assert.False(StatusJson.Same(null, status));
    }

    [Fact]
    public void Every_field_of_the_status_is_one_the_field_copy_and_comparison_know()
    {
        // A new status field must be added to StatusEquality.Proven and StatusCopy.Of (and to the
        // lists below), or a change to it alone would be called "the same" and never written, and
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
        Assert.Equal(["Digest", "ExtensionData", "Image", "PushedAt"], Names<ImageCacheImageStatus>());
        Assert.Equal(["ExtensionData", "PushToReadySeconds", "ReadyAt", "RequestedAt"], Names<ImageCacheLastRefresh>());
        Assert.Equal(["DeliveryId", "ExtensionData", "Images", "Reason", "RequestedAt"], Names<PendingRefresh>());
        Assert.Equal(["Digest", "ExtensionData", "Image", "PushedAt"], Names<PendingRefreshImage>());
    }

    private static IEnumerable<string> Names<T>() => typeof(T).GetProperties().Select(p => p.Name).Order(StringComparer.Ordinal);

    private static ImageCacheStatus WithoutExtensionData(ImageCacheStatus status)
    {
        status.ExtensionData = null;
        status.Images![0].ExtensionData = null;
        return status;
    }

    private static ImageCacheStatus Full()
    {
        var pulled = new ObservedCacheEvent(2, "Normal", "busybox:latest", "Success pull image busybox:latest", "Pulled", Now.AddMinutes(-2), Now.AddMinutes(-1));
        var pause = new ObservedCacheEvent(1, "Normal", "pause:3.0", "Success pull image pause:3.0", "Pulled", Now.AddMinutes(-1), Now.AddMinutes(-1));
        return new ImageCacheStatus
        {
            Phase = ImageCachePhase.Ready,
            Progress = "100%",
            ImageCacheId = "imc-1",
            StartTime = Now.AddMinutes(-3),
            LastUpdatedTime = Now,
            ExpireDateTime = Now.AddDays(7),
            ObservedGeneration = 2,
            LastMatchedTime = Now.AddHours(-1),
            MeasuredImageSize = 4_000_000,
            Platform = "linux/amd64",
            FlashSnapshotId = "f-1",
            EliminationStrategy = "LRU",
            Events = StatusEvents.Merge(null, [pulled, pause], 50),
            Images = [new ImageCacheImageStatus { Image = "busybox:latest", Digest = "sha256:" + new string('a', 64), PushedAt = Now.AddHours(-1), ExtensionData = new() { ["future"] = JsonSerializer.SerializeToElement("x") } }],
            PendingRefresh = new PendingRefresh
            {
                RequestedAt = Now,
                Reason = "push",
                DeliveryId = "d-1",
                Images = [new PendingRefreshImage { Image = "busybox:latest", Digest = "sha256:" + new string('c', 64), PushedAt = Now }],
            },
            Settings = new CacheSettings { EliminationStrategy = "LRU", Flash = true },
            LastRefresh = new ImageCacheLastRefresh { RequestedAt = Now.AddMinutes(-3), ReadyAt = Now, PushToReadySeconds = 180 },
            Conditions = [new V1Condition { Type = ImageCacheConditionTypes.Ready, Status = "True", Reason = "Ready", Message = "the cache is Ready", LastTransitionTime = Now.UtcDateTime, ObservedGeneration = 2 }],
            ExtensionData = new() { ["future"] = JsonSerializer.SerializeToElement(new { a = 1 }) },
        };
    }
}
