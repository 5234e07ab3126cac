using ImageCacheFunctions.ImageCaches.Kubernetes;
using ImageCacheFunctions.ImageCaches.Kubernetes.Errors;
using ImageCacheFunctions.ImageCaches.Resources;
using ImageCacheFunctions.Kubernetes.Tests.Support;
using k8s;

namespace ImageCacheFunctions.Kubernetes.Tests.Emulated;

public sealed class ImageCacheStoreTests : IAsyncLifetime
{
    private EmulatedCluster cluster = null!;

    private ImageCacheStore Store => cluster.Store;

    public async Task InitializeAsync() => cluster = await EmulatedCluster.StartAsync(new() { ["Kubernetes:ConflictRetryAttempts"] = "3" });

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    [Fact]
    public async Task The_seed_sample_is_created_and_read_back()
    {
        var sample = KubernetesYaml.Deserialize<ImageCache>(Fixture.Read("imagecache-sample.yaml"));

        var created = await Store.CreateAsync(sample, CancellationToken.None);
        var read = await Store.GetAsync("imagecache-sample", CancellationToken.None);

        Assert.NotNull(read);
        Assert.Equal(1, read.Metadata.Generation);
        Assert.False(string.IsNullOrEmpty(read.Metadata.Uid));
        Assert.False(string.IsNullOrEmpty(read.Metadata.ResourceVersion));
        Assert.NotNull(read.Metadata.CreationTimestamp);
        Assert.Equal(created.Metadata.Uid, read.Metadata.Uid);
        Assert.Equal(["centos:latest", "busybox:latest"], read.Spec.Images);
        Assert.Equal(["default:secret1", "default:secret2", "kube-system:secret3"], read.Spec.ImagePullSecrets);
        Assert.Equal(25, read.Spec.ImageCacheSize);
        Assert.Equal(7, read.Spec.RetentionDays);
        Assert.Null(read.Status);
    }

    [Fact]
    public async Task Get_of_a_missing_object_is_null()
    {
        Assert.Null(await Store.GetAsync("nope", CancellationToken.None));
    }

    [Fact]
    public async Task The_CRD_default_for_imageCacheSize_is_applied()
    {
        var created = await Store.CreateAsync(ImageCache.Create("defaults", new ImageCacheSpec { Images = ["nginx"] }), CancellationToken.None);

        Assert.Equal(ImageCacheSpec.DefaultImageCacheSize, created.Spec.ImageCacheSize);
    }

    [Fact]
    public async Task Creating_a_taken_name_is_AlreadyExists_not_a_conflict()
    {
        await Store.CreateAsync(ImageCache.Create("twice", new ImageCacheSpec { Images = ["nginx"] }), CancellationToken.None);

        var error = await Assert.ThrowsAsync<KubernetesAlreadyExistsException>(
            () => Store.CreateAsync(ImageCache.Create("twice", new ImageCacheSpec { Images = ["nginx"] }), CancellationToken.None));

        Assert.Equal("AlreadyExists", error.Reason);
    }

    [Fact]
    public async Task An_invalid_spec_is_rejected_with_the_field_that_failed()
    {
        var error = await Assert.ThrowsAsync<KubernetesInvalidException>(
            () => Store.CreateAsync(ImageCache.Create("too-small", new ImageCacheSpec { Images = ["nginx"], ImageCacheSize = 10 }), CancellationToken.None));

        Assert.Contains(error.Causes, c => c.Field == "spec.imageCacheSize");
        Assert.Contains("spec.imageCacheSize", error.Message, StringComparison.Ordinal);
        Assert.Null(await Store.GetAsync("too-small", CancellationToken.None));
    }

    [Fact]
    public async Task A_status_write_with_a_stale_resourceVersion_is_a_conflict()
    {
        await Store.CreateAsync(ImageCache.Create("stale", new ImageCacheSpec { Images = ["nginx"] }), CancellationToken.None);
        var first = (await Store.GetAsync("stale", CancellationToken.None))!;
        var second = first.DeepClone();

        first.Status = new ImageCacheStatus { Phase = ImageCachePhase.Pending };
        await Store.ReplaceStatusAsync(first, CancellationToken.None);
        second.Status = new ImageCacheStatus { Phase = ImageCachePhase.Creating };

        var error = await Assert.ThrowsAsync<KubernetesConflictException>(() => Store.ReplaceStatusAsync(second, CancellationToken.None));

        Assert.Equal("Conflict", error.Reason);
        Assert.Equal(ImageCachePhase.Pending, (await Store.GetAsync("stale", CancellationToken.None))!.Status!.Phase);
    }

    [Fact]
    public async Task UpdateAsync_re_reads_and_re_applies_after_a_conflict()
    {
        await Store.CreateAsync(ImageCache.Create("retry", new ImageCacheSpec { Images = ["nginx"] }), CancellationToken.None);
        var calls = 0;

        var result = await Store.UpdateAsync("retry", cache =>
        {
            calls++;
            if (calls == 1)
            {
                // Another writer gets in between this read and its write.
                Task.Run(() => InterveningWriteAsync("retry", "from-someone-else")).GetAwaiter().GetResult();
            }

            cache.Status ??= new ImageCacheStatus();
            cache.Status.Phase = ImageCachePhase.Ready;
            cache.Status.Progress = "100%";
            return cache;
        }, CancellationToken.None);

        Assert.Equal(ImageCacheUpdateOutcome.Updated, result.Outcome);
        Assert.Equal(2, result.Attempts);
        var read = (await Store.GetAsync("retry", CancellationToken.None))!;
        Assert.Equal(ImageCachePhase.Ready, read.Status!.Phase);
        Assert.Equal("100%", read.Status.Progress);
        // The other writer's change survived: the retry started from a fresh read.
        Assert.Equal("from-someone-else", read.Status.ImageCacheId);
    }

    [Fact]
    public async Task UpdateAsync_gives_up_after_the_configured_attempts()
    {
        await Store.CreateAsync(ImageCache.Create("hot", new ImageCacheSpec { Images = ["nginx"] }), CancellationToken.None);
        var calls = 0;

        var result = await Store.UpdateAsync("hot", cache =>
        {
            var writer = $"writer-{++calls}";
            Task.Run(() => InterveningWriteAsync("hot", writer)).GetAwaiter().GetResult();
            cache.Status = new ImageCacheStatus { Phase = ImageCachePhase.Failed };
            return cache;
        }, CancellationToken.None);

        Assert.Equal(ImageCacheUpdateOutcome.Conflict, result.Outcome);
        Assert.Equal(3, result.Attempts);
        Assert.Equal("writer-3", (await Store.GetAsync("hot", CancellationToken.None))!.Status!.ImageCacheId);
    }

    [Fact]
    public async Task UpdateAsync_writes_nothing_when_nothing_changed()
    {
        await Store.CreateAsync(ImageCache.Create("calm", new ImageCacheSpec { Images = ["nginx"] }), CancellationToken.None);
        var before = (await Store.GetAsync("calm", CancellationToken.None))!;
        cluster.Emulator.ClearRequests();

        var same = await Store.UpdateAsync("calm", cache => cache, CancellationToken.None);
        var declined = await Store.UpdateAsync("calm", _ => null, CancellationToken.None);
        var missing = await Store.UpdateAsync("absent", cache => cache, CancellationToken.None);

        Assert.Equal(ImageCacheUpdateOutcome.Unchanged, same.Outcome);
        Assert.Equal(ImageCacheUpdateOutcome.Unchanged, declined.Outcome);
        Assert.Equal(ImageCacheUpdateOutcome.NotFound, missing.Outcome);
        Assert.Equal(0, cluster.Emulator.CountWrites());
        Assert.Equal(before.Metadata.ResourceVersion, (await Store.GetAsync("calm", CancellationToken.None))!.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task UpdateAsync_writes_spec_and_status_changes_to_their_own_endpoints()
    {
        await Store.CreateAsync(ImageCache.Create("both", new ImageCacheSpec { Images = ["nginx"] }), CancellationToken.None);
        cluster.Emulator.ClearRequests();

        var result = await Store.UpdateAsync("both", cache =>
        {
            cache.Metadata.Labels = new Dictionary<string, string> { ["team"] = "a" };
            cache.Status = new ImageCacheStatus { Phase = ImageCachePhase.Pending, ObservedGeneration = 1 };
            return cache;
        }, CancellationToken.None);

        Assert.Equal(ImageCacheUpdateOutcome.Updated, result.Outcome);
        Assert.Equal("a", result.Object!.Metadata.Labels["team"]);
        Assert.Equal(ImageCachePhase.Pending, result.Object.Status!.Phase);
        Assert.Equal(1, cluster.Emulator.CountRequests("update", ImageCacheResource.Plural, "status"));
        Assert.Equal(2, cluster.Emulator.CountWrites(ImageCacheResource.Plural));
    }

    [Fact]
    public async Task A_spec_change_bumps_generation_and_a_status_write_does_not()
    {
        await Store.CreateAsync(ImageCache.Create("gen", new ImageCacheSpec { Images = ["nginx"], RetentionDays = 7 }), CancellationToken.None);

        var changed = await Store.UpdateAsync("gen", cache =>
        {
            cache.Spec = new ImageCacheSpec { Images = ["nginx", "busybox"], ImageCacheSize = 40 };
            return cache;
        }, CancellationToken.None);
        var patched = changed.Object!;

        Assert.Equal(2, patched.Metadata.Generation);
        Assert.Equal(["nginx", "busybox"], patched.Spec.Images);
        Assert.Equal(40, patched.Spec.ImageCacheSize);
        Assert.Null(patched.Spec.RetentionDays);

        patched.Status = new ImageCacheStatus { Phase = ImageCachePhase.Updating, ObservedGeneration = 1 };
        var statusWritten = await Store.ReplaceStatusAsync(patched, CancellationToken.None);

        Assert.Equal(2, statusWritten.Metadata.Generation);
        Assert.NotEqual(patched.Metadata.ResourceVersion, statusWritten.Metadata.ResourceVersion);
        Assert.Equal(ImageCachePhase.Updating, statusWritten.Status!.Phase);
    }

    [Fact]
    public async Task A_status_write_through_the_main_resource_is_ignored()
    {
        var created = await Store.CreateAsync(ImageCache.Create("main", new ImageCacheSpec { Images = ["nginx"] }), CancellationToken.None);
        created.Status = new ImageCacheStatus { Phase = ImageCachePhase.Ready };

        var replaced = await Store.ReplaceAsync(created, CancellationToken.None);

        Assert.Null(replaced.Status?.Phase);
        Assert.Equal(1, replaced.Metadata.Generation);
    }

    [Fact]
    public async Task A_patch_with_a_stale_resourceVersion_is_a_conflict_and_changes_nothing()
    {
        var created = await Store.CreateAsync(ImageCache.Create("patchy", new ImageCacheSpec { Images = ["nginx"] }), CancellationToken.None);
        await Store.PatchMetadataAsync("patchy", new Dictionary<string, string?> { ["a"] = "1" }, null, created.Metadata.ResourceVersion, CancellationToken.None);

        await Assert.ThrowsAsync<KubernetesConflictException>(
            () => Store.PatchMetadataAsync("patchy", new Dictionary<string, string?> { ["a"] = "2" }, null, created.Metadata.ResourceVersion, CancellationToken.None));

        Assert.Equal("1", (await Store.GetAsync("patchy", CancellationToken.None))!.Metadata.Labels["a"]);
    }

    [Fact]
    public async Task Labels_and_annotations_are_set_and_removed()
    {
        await Store.CreateAsync(ImageCache.Create("labelled", new ImageCacheSpec { Images = ["nginx"] }), CancellationToken.None);

        await Store.PatchMetadataAsync("labelled", new Dictionary<string, string?> { ["a"] = "1", ["b"] = "2" }, new Dictionary<string, string?> { [ImageCacheResource.ProtectAnnotation] = "true" }, null, CancellationToken.None);
        var patched = await Store.PatchMetadataAsync("labelled", new Dictionary<string, string?> { ["a"] = null }, null, null, CancellationToken.None);

        Assert.Equal(new Dictionary<string, string> { ["b"] = "2" }, patched.Metadata.Labels);
        Assert.Equal("true", patched.Metadata.Annotations[ImageCacheResource.ProtectAnnotation]);
        Assert.Equal(1, patched.Metadata.Generation);
    }

    [Fact]
    public async Task Finalizers_hold_a_deleted_object_until_they_are_removed()
    {
        await Store.CreateAsync(ImageCache.Create("final", new ImageCacheSpec { Images = ["nginx"] }), CancellationToken.None);

        var withFinalizer = await Store.AddFinalizerAsync("final", ImageCacheResource.Finalizer, CancellationToken.None);
        var again = await Store.AddFinalizerAsync("final", ImageCacheResource.Finalizer, CancellationToken.None);
        Assert.Equal([ImageCacheResource.Finalizer], withFinalizer!.Metadata.Finalizers);
        Assert.Equal(withFinalizer.Metadata.ResourceVersion, again!.Metadata.ResourceVersion);

        var deletion = await Store.DeleteAsync("final", withFinalizer.Metadata.Uid, null, CancellationToken.None);
        Assert.Equal(ImageCacheDeleteOutcome.Pending, deletion.Outcome);
        var deleting = await Store.GetAsync("final", CancellationToken.None);
        Assert.True(deleting!.IsBeingDeleted);

        // Status can still be written while the finalizer runs.
        deleting.Status = new ImageCacheStatus { Phase = ImageCachePhase.Deleting };
        Assert.Equal(ImageCachePhase.Deleting, (await Store.ReplaceStatusAsync(deleting, CancellationToken.None)).Status!.Phase);

        await Store.RemoveFinalizerAsync("final", ImageCacheResource.Finalizer, CancellationToken.None);

        Assert.Null(await Store.GetAsync("final", CancellationToken.None));
        Assert.Equal(ImageCacheDeleteOutcome.NotFound, (await Store.DeleteAsync("final", null, null, CancellationToken.None)).Outcome);
        Assert.Null(await Store.AddFinalizerAsync("final", ImageCacheResource.Finalizer, CancellationToken.None));
    }

    [Fact]
    public async Task Delete_without_finalizers_removes_the_object_and_honours_preconditions()
    {
        var created = await Store.CreateAsync(ImageCache.Create("plain", new ImageCacheSpec { Images = ["nginx"] }), CancellationToken.None);

        await Assert.ThrowsAsync<KubernetesConflictException>(() => Store.DeleteAsync("plain", "some-other-uid", null, CancellationToken.None));
        Assert.NotNull(await Store.GetAsync("plain", CancellationToken.None));

        var deletion = await Store.DeleteAsync("plain", created.Metadata.Uid, created.Metadata.ResourceVersion, CancellationToken.None);

        Assert.Equal(ImageCacheDeleteOutcome.Deleted, deletion.Outcome);
        Assert.Null(await Store.GetAsync("plain", CancellationToken.None));
    }

    [Fact]
    public async Task Listing_pages_through_more_than_500_objects_and_filters_by_label()
    {
        await using var paged = await EmulatedCluster.StartAsync(new() { ["Kubernetes:PageSize"] = "100" });
        for (var i = 0; i < 520; i++)
        {
            var cache = ImageCache.Create($"cache-{i:D4}", new ImageCacheSpec { Images = [$"registry.example.com/app-{i}:1"] });
            cache.Metadata.Labels = new Dictionary<string, string> { ["team"] = i % 2 == 0 ? "even" : "odd" };
            await paged.Store.CreateAsync(cache, CancellationToken.None);
        }

        paged.Emulator.ClearRequests();
        var all = await ToListAsync(paged.Store.ListAsync(null, CancellationToken.None));
        var listCalls = paged.Emulator.CountRequests("list", ImageCacheResource.Plural);
        var odd = await ToListAsync(paged.Store.ListAsync("team=odd", CancellationToken.None));
        var none = await ToListAsync(paged.Store.ListAsync("team=none", CancellationToken.None));

        Assert.Equal(520, all.Select(c => c.Metadata.Name).Distinct().Count());
        Assert.Equal(6, listCalls);
        Assert.Equal(260, odd.Count);
        Assert.All(odd, c => Assert.Equal("odd", c.Metadata.Labels["team"]));
        Assert.Empty(none);
    }

    private async Task InterveningWriteAsync(string name, string imageCacheId)
    {
        var other = (await Store.GetAsync(name, CancellationToken.None))!;
        other.Status ??= new ImageCacheStatus();
        other.Status.ImageCacheId = imageCacheId;
        await Store.ReplaceStatusAsync(other, CancellationToken.None);
    }

    private static async Task<List<ImageCache>> ToListAsync(IAsyncEnumerable<ImageCache> items)
    {
        var list = new List<ImageCache>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
