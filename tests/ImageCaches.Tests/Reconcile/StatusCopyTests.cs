using System.Text.Json;
using ImageCacheFunctions.ImageCaches.Reconcile;
using ImageCacheFunctions.ImageCaches.Resources;
using ImageCacheFunctions.ImageCaches.Settings;
using k8s;
using k8s.Models;

namespace ImageCacheFunctions.ImageCaches.Tests.Reconcile;

/// <summary>The planner's copy of a status: written exactly as the original, and independent of it.</summary>
public sealed class StatusCopyTests
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

    private static ImageCacheStatus Full()
    {
        var pulled = new ObservedCacheEvent(2, "Normal", "busybox:latest", "Success pull image busybox:latest", "Pulled", Now.AddMinutes(-2), Now.AddMinutes(-1));
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
            Events = StatusEvents.Merge(null, [pulled], 50),
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
