using System.Text.Json.Nodes;
using ImageCacheFunctions.ImageCaches.Resources;
using ImageCacheFunctions.Kubernetes.Tests.Support;
using k8s;
using k8s.Models;

namespace ImageCacheFunctions.Kubernetes.Tests.Model;

public sealed class ModelFieldTests
{
    private const string WithEverything = """
        {
          "apiVersion": "eci.alibabacloud.com/v1",
          "kind": "ImageCache",
          "metadata": {"name": "full", "generation": 3, "resourceVersion": "9", "finalizers": ["imagecache.functions.openfaas.dev/eci-cache"]},
          "spec": {"images": ["nginx:1.25"], "imageCacheSize": 40, "retentionDays": 3, "futureSpecField": {"a": [1, 2]}},
          "status": {
            "phase": "Updating",
            "progress": "40%",
            "imageCacheId": "imc-1",
            "observedGeneration": 3,
            "images": [{"image": "nginx:1.25", "digest": "sha256:aaaa", "pushedAt": "2024-05-01T10:00:00Z", "size": 123}],
            "lastMatchedTime": "2024-05-02T11:00:00Z",
            "pendingRefresh": {
              "requestedAt": "2024-05-03T12:00:00Z", "reason": "push", "deliveryId": "d-1",
              "images": [{"image": "nginx:1.25", "digest": "sha256:bbbb"}], "attempts": 2
            },
            "conditions": [{"type": "Ready", "status": "False", "reason": "Updating", "message": "ECI is updating", "lastTransitionTime": "2024-05-03T12:00:01Z", "observedGeneration": 3}],
            "someoneElses": "kept"
          },
          "topLevelExtra": true
        }
        """;

    [Fact]
    public void Fields_added_by_the_controller_and_unknown_fields_round_trip()
    {
        var cache = KubernetesJson.Deserialize<ImageCache>(WithEverything);

        Assert.Equal(3, cache.Status!.ObservedGeneration);
        Assert.Equal("sha256:aaaa", cache.Status.Images![0].Digest);
        Assert.Equal(new DateTimeOffset(2024, 5, 2, 11, 0, 0, TimeSpan.Zero), cache.Status.LastMatchedTime);
        Assert.Equal("d-1", cache.Status.PendingRefresh!.DeliveryId);
        Assert.Equal("sha256:bbbb", cache.Status.PendingRefresh.Images![0].Digest);
        Assert.Equal(ImageCacheConditionTypes.Ready, cache.Status.Conditions![0].Type);
        Assert.True(cache.HasFinalizer(ImageCacheResource.Finalizer));
        JsonTree.AssertEquivalent(JsonNode.Parse(WithEverything), JsonNode.Parse(KubernetesJson.Serialize(cache)));
    }

    [Fact]
    public void Sub_second_times_are_truncated_to_whole_seconds_like_metav1_Time()
    {
        var cache = ImageCache.Create("t", new ImageCacheSpec { Images = ["nginx"] });
        cache.Status = new ImageCacheStatus { LastUpdatedTime = new DateTimeOffset(2024, 1, 2, 3, 4, 5, 678, TimeSpan.FromHours(8)) };

        var json = KubernetesJson.Serialize(cache);

        Assert.Contains("\"lastUpdatedTime\":\"2024-01-01T19:04:05Z\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Fractional_and_offset_times_are_read()
    {
        var cache = KubernetesJson.Deserialize<ImageCache>("""{"spec":{"images":["a"]},"status":{"startTime":"2024-01-02T03:04:05.123456+02:00"}}""");

        Assert.Equal(new DateTimeOffset(2024, 1, 2, 1, 4, 5, 123, TimeSpan.Zero).AddTicks(4560), cache.Status!.StartTime);
    }

    [Fact]
    public void A_new_object_has_apiVersion_and_kind_and_omits_empty_status()
    {
        var json = JsonNode.Parse(KubernetesJson.Serialize(ImageCache.Create("x", new ImageCacheSpec { Images = ["nginx"] })))!;

        Assert.Equal("eci.alibabacloud.com/v1", (string?)json["apiVersion"]);
        Assert.Equal("ImageCache", (string?)json["kind"]);
        Assert.Null(json["status"]);
        Assert.Null(json["spec"]!["imageCacheSize"]);
    }

    [Fact]
    public void DeepClone_shares_nothing()
    {
        var cache = KubernetesJson.Deserialize<ImageCache>(WithEverything);

        var clone = cache.DeepClone();
        clone.Spec.Images.Add("busybox");
        clone.Metadata.Finalizers!.Clear();
        clone.Status!.Events = [new Corev1Event { Message = "x" }];

        Assert.Single(cache.Spec.Images);
        Assert.Single(cache.Metadata.Finalizers!);
        Assert.Null(cache.Status!.Events);
    }

    [Theory]
    [InlineData("Ready", true, true)]
    [InlineData("UpdateFailed", true, true)]
    [InlineData("Updating", false, true)]
    [InlineData("Creating", false, true)]
    [InlineData("Pending", false, false)]
    [InlineData("Missing", false, false)]
    public void Phases_know_which_are_ECIs_and_which_allow_an_update(string phase, bool allowsUpdate, bool isEci)
    {
        Assert.Equal(allowsUpdate, ImageCachePhase.AllowsUpdate(phase));
        Assert.Equal(isEci, ImageCachePhase.IsEciStatus(phase));
    }
}
