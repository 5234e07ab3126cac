using ImageCacheFunctions.ImageCaches.Images;
using ImageCacheFunctions.ImageCaches.Operations.Reconcile;
using ImageCacheFunctions.ImageCaches.Resources;
using ImageCacheFunctions.Reconcile.Tests.Support;

namespace ImageCacheFunctions.Reconcile.Tests;

/// <summary>The life of one ImageCache through reconcile passes, against both emulators.</summary>
public sealed class LifecycleTests : IAsyncLifetime
{
    private ReconcileHarness _h = null!;

    public async Task InitializeAsync() => _h = await ReconcileHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task The_seed_sample_becomes_a_ready_cache_with_events_like_the_seed()
    {
        await _h.CreateSampleSecretsAsync();
        await _h.CreateSampleAsync();

        var first = await _h.PassAsync();
        Assert.Equal(1, first.Created);
        Assert.Empty(first.Errors);
        var created = await _h.GetAsync("imagecache-sample");
        Assert.Contains(ImageCacheResource.Finalizer, created.Metadata.Finalizers);
        Assert.StartsWith("imc-", created.Status!.ImageCacheId);
        Assert.Equal(ImageCachePhase.Preparing, created.Status.Phase);
        Assert.NotNull(created.Status.StartTime);
        Assert.Equal(1, created.Status.ObservedGeneration);

        var create = Assert.Single(_h.Eci.Calls.Of("CreateImageCache"));
        Assert.Equal("imagecache-sample", create.Parameters["ImageCacheName"]);
        Assert.Equal("centos:latest", create.Parameters["Image.1"]);
        Assert.Equal("busybox:latest", create.Parameters["Image.2"]);
        Assert.Equal("25", create.Parameters["ImageCacheSize"]);
        Assert.Equal("7", create.Parameters["RetentionDays"]);
        Assert.Equal(ReconcileHarness.VSwitchId, create.Parameters["VSwitchId"]);
        Assert.Equal(ReconcileHarness.SecurityGroupId, create.Parameters["SecurityGroupId"]);
        Assert.Equal("docker.io", create.Parameters["ImageRegistryCredential.1.Server"]);
        Assert.Equal("***", create.Parameters["ImageRegistryCredential.1.Password"]);
        Assert.True(create.Parameters["ClientToken"].Length <= 64);
        var tags = Enumerable.Range(1, 3).ToDictionary(i => create.Parameters[$"Tag.{i}.Key"], i => create.Parameters[$"Tag.{i}.Value"]);
        Assert.Equal(ImageCacheResource.EciManagedByTagValue, tags[ImageCacheResource.EciManagedByTagKey]);
        Assert.Equal("imagecache-sample", tags[ImageCacheResource.EciOwnerTagKey]);
        Assert.Equal(created.Metadata.Uid, tags[ImageCacheResource.EciOwnerUidTagKey]);

        _h.Eci.Clock.Advance(ReconcileHarness.BuildTime);
        await _h.PassAsync();

        var ready = await _h.GetAsync("imagecache-sample");
        var status = ready.Status!;
        Assert.Equal(ImageCachePhase.Ready, status.Phase);
        Assert.Equal("100%", status.Progress);
        Assert.Equal(created.Status.ImageCacheId, status.ImageCacheId);
        Assert.Equal(status.StartTime!.Value.AddDays(7), status.ExpireDateTime);
        Assert.NotNull(status.LastUpdatedTime);
        Assert.Contains(status.Conditions!, c => c.Type == ImageCacheConditionTypes.Ready && c.Status == "True");
        Assert.DoesNotContain(status.Conditions!, c => c.Type == ImageCacheConditionTypes.CredentialsResolved);

        // The seed's shape: one event per pulled image (and the pause image), from kubelet on eci.
        Assert.Equal(["centos:latest", "busybox:latest", $"registry-vpc.{ReconcileHarness.RegionId}.aliyuncs.com/acs/pause-amd64:3.0"], status.Events!.Select(e => e.Metadata.Name));
        foreach (var e in status.Events!)
        {
            Assert.Equal(1, e.Count);
            Assert.Equal("Normal", e.Type);
            Assert.Equal("Success pull image " + e.Metadata.Name, e.Message);
            Assert.Equal("kubelet", e.Source.Component);
            Assert.Equal("eci", e.Source.Host);
            Assert.NotNull(e.InvolvedObject);
            Assert.NotNull(e.FirstTimestamp);
            Assert.Equal(e.FirstTimestamp, e.LastTimestamp);
        }

        var recorded = await _h.EventsAboutAsync("imagecache-sample");
        Assert.Contains(recorded, e => e.Reason == ImageCacheEventReasons.Created && e.Type == "Normal");
        Assert.Contains(recorded, e => e.Reason == ImageCacheEventReasons.Ready && e.Type == "Normal");
    }

    [Fact]
    public async Task A_pass_indexes_each_referenced_repository_so_pushes_find_the_object()
    {
        await _h.CreateSampleSecretsAsync();
        await _h.CreateSampleAsync();

        await _h.PassAsync();

        var indexed = await _h.GetAsync("imagecache-sample");
        var expected = RepositoryIndexLabel.ForImages(indexed.Spec.Images.Select(ImageReference.Parse));
        foreach (var (key, value) in expected)
        {
            Assert.Equal(value, indexed.Metadata.Labels[key]);
        }

        Assert.Equal(2, indexed.Metadata.Labels.Keys.Count(RepositoryIndexLabel.IsIndexLabel));
    }

    [Fact]
    public async Task A_converged_pass_makes_no_kubernetes_writes_and_no_eci_mutations()
    {
        await _h.CreateSampleSecretsAsync();
        await _h.CreateSampleAsync();
        await _h.CreateAsync("tools", "busybox:latest");
        await _h.ConvergeAsync();
        Assert.Equal(ImageCachePhase.Ready, (await _h.GetAsync("tools")).Status!.Phase);

        _h.Kubernetes.ClearRequests();
        _h.Eci.Calls.Clear();
        var report = await _h.PassAsync();

        Assert.Equal(0, _h.Kubernetes.CountWrites());
        Assert.Equal(0, _h.EciMutations());
        Assert.Equal(1, _h.EciCalls("DescribeImageCaches"));
        Assert.Equal(0, report.KubernetesWrites);
        Assert.Equal(2, report.Unchanged);
        Assert.Equal(0, report.StatusChanges);
        Assert.True(report.Completed);
    }

    [Fact]
    public async Task A_spec_edit_leads_to_exactly_one_update()
    {
        await _h.CreateAsync("web", "nginx:1.27");
        await _h.ConvergeAsync();
        var before = await _h.GetAsync("web");

        var edited = await _h.Store.UpdateAsync("web", c =>
        {
            c.Spec.Images.Add("busybox:latest");
            c.Spec.RetentionDays = 30;
            return c;
        }, CancellationToken.None);
        Assert.Equal(2, edited.Object!.Metadata.Generation);

        var report = await _h.PassAsync();
        Assert.Equal(1, report.Updated);
        var updating = await _h.GetAsync("web");
        Assert.Equal(ImageCachePhase.Updating, updating.Status!.Phase);
        Assert.Equal(2, updating.Status.ObservedGeneration);
        Assert.Equal(before.Status!.ImageCacheId, updating.Status.ImageCacheId);

        await _h.ConvergeAsync();
        await _h.PassAsync();

        var update = Assert.Single(_h.Eci.Calls.Of("UpdateImageCache"));
        Assert.Equal(before.Status.ImageCacheId, update.Parameters["ImageCacheId"]);
        Assert.Equal("nginx:1.27", update.Parameters["Image.1"]);
        Assert.Equal("busybox:latest", update.Parameters["Image.2"]);
        Assert.Equal("30", update.Parameters["RetentionDays"]);
        Assert.Single(_h.Eci.Calls.Of("CreateImageCache"));
        var ready = await _h.GetAsync("web");
        Assert.Equal(ImageCachePhase.Ready, ready.Status!.Phase);
        Assert.Contains(ready.Status.Events!, e => e.Metadata.Name == "busybox:latest");
        Assert.Contains(await _h.EventsAboutAsync("web"), e => e.Reason == ImageCacheEventReasons.Updated);
    }

    [Fact]
    public async Task A_refresh_pending_while_creating_is_applied_once_when_ready()
    {
        await _h.CreateAsync("app", "registry.example.com/team/app:1", "busybox:latest");
        await _h.PassAsync();
        Assert.Equal(ImageCachePhase.Preparing, (await _h.GetAsync("app")).Status!.Phase);

        // A burst of pushes while ECI is still building the cache.
        var first = "sha256:" + new string('1', 64);
        var last = "sha256:" + new string('2', 64);
        await _h.RecordRefreshAsync("app", "registry.example.com/team/app:1", first, "delivery-1");
        await _h.PassAsync();
        await _h.RecordRefreshAsync("app", "registry.example.com/team/app:1", last, "delivery-2");
        await _h.PassAsync();
        Assert.Empty(_h.Eci.Calls.Of("UpdateImageCache"));
        Assert.NotNull((await _h.GetAsync("app")).Status!.PendingRefresh);

        _h.Eci.Clock.Advance(ReconcileHarness.BuildTime);
        var report = await _h.PassAsync();
        Assert.Equal(1, report.Updated);
        await _h.ConvergeAsync();

        Assert.Single(_h.Eci.Calls.Of("UpdateImageCache"));
        var status = (await _h.GetAsync("app")).Status!;
        Assert.Null(status.PendingRefresh);
        Assert.Equal(ImageCachePhase.Ready, status.Phase);
        var image = Assert.Single(status.Images!);
        Assert.Equal("registry.example.com/team/app:1", image.Image);
        Assert.Equal(last, image.Digest);
    }

    [Fact]
    public async Task Deleting_the_object_deletes_the_eci_cache_and_releases_the_finalizer()
    {
        await _h.CreateAsync("doomed", "busybox:latest");
        await _h.ConvergeAsync();
        var id = (await _h.GetAsync("doomed")).Status!.ImageCacheId!;

        var deletion = await _h.Store.DeleteAsync("doomed", null, null, CancellationToken.None);
        Assert.Equal(ImageCaches.Kubernetes.ImageCacheDeleteOutcome.Pending, deletion.Outcome);

        var report = await _h.PassAsync();

        Assert.Equal(1, report.Finalized);
        Assert.Equal(1, report.Deleted);
        Assert.Null(await _h.FindAsync("doomed"));
        Assert.Empty(await _h.EciCachesAsync());
        var delete = Assert.Single(_h.Eci.Calls.Of("DeleteImageCache"));
        Assert.Equal(id, delete.Parameters["ImageCacheId"]);
    }

    [Fact]
    public async Task A_cache_deleted_behind_our_back_is_reported_and_recreated()
    {
        await _h.CreateAsync("precious", "busybox:latest");
        await _h.ConvergeAsync();
        var lost = (await _h.GetAsync("precious")).Status!.ImageCacheId!;
        await _h.EciClient.DeleteImageCacheAsync(new Eci.Models.DeleteImageCacheRequest(lost));

        var report = await _h.PassAsync();

        Assert.Equal(1, report.Created);
        var warning = Assert.Single(await _h.EventsAboutAsync("precious"), e => e.Reason == ImageCacheEventReasons.Missing);
        Assert.Equal("Warning", warning.Type);
        Assert.Contains(lost, warning.Message, StringComparison.Ordinal);
        Assert.Contains(await _h.EventsAboutAsync("precious"), e => e.Reason == ImageCacheEventReasons.Recreated);
        var recreated = (await _h.GetAsync("precious")).Status!;
        Assert.NotEqual(lost, recreated.ImageCacheId);
        Assert.Equal(2, _h.EciCalls("CreateImageCache"));

        await _h.ConvergeAsync();
        Assert.Equal(ImageCachePhase.Ready, (await _h.GetAsync("precious")).Status!.Phase);
        Assert.Single(await _h.EciCachesAsync());
    }

    [Fact]
    public async Task With_the_report_only_policy_a_vanished_cache_is_reported_as_missing_and_not_recreated()
    {
        var replica = _h.AddReplica(settings: new Dictionary<string, string?> { ["Eci:RecreatePolicy"] = "ReportOnly" });
        await _h.CreateAsync("kept", "busybox:latest");
        await _h.ConvergeAsync();
        var lost = (await _h.GetAsync("kept")).Status!.ImageCacheId!;
        await _h.EciClient.DeleteImageCacheAsync(new Eci.Models.DeleteImageCacheRequest(lost));

        await _h.PassAsync(replica);
        await _h.PassAsync(replica);

        var status = (await _h.GetAsync("kept")).Status!;
        Assert.Equal(ImageCachePhase.Missing, status.Phase);
        Assert.Equal(lost, status.ImageCacheId);
        Assert.Contains(status.Conditions!, c => c.Type == ImageCacheConditionTypes.Ready && c.Status == "False" && c.Reason == ImageCacheEventReasons.Missing);
        Assert.Single(await _h.EventsAboutAsync("kept"), e => e.Reason == ImageCacheEventReasons.Missing && e.Count == 1);
        Assert.Equal(1, _h.EciCalls("CreateImageCache"));
        Assert.Empty(await _h.EciCachesAsync());
    }

    [Fact]
    public async Task A_cache_ecis_retention_removed_is_reported_as_expired_and_left_to_prune()
    {
        await _h.CreateAsync(ImageCache.Create("short-lived", new ImageCacheSpec { Images = ["busybox:latest"], RetentionDays = 1 }));
        await _h.ConvergeAsync();
        var id = (await _h.GetAsync("short-lived")).Status!.ImageCacheId;

        _h.Eci.Clock.Advance(TimeSpan.FromDays(1));
        await _h.PassAsync();
        await _h.PassAsync();

        var status = (await _h.GetAsync("short-lived")).Status!;
        Assert.Equal(ImageCachePhase.Missing, status.Phase);
        Assert.Equal(id, status.ImageCacheId);
        Assert.Contains(status.Conditions!, c => c.Type == ImageCacheConditionTypes.Ready && c.Reason == "CacheExpired");
        Assert.Equal(1, _h.EciCalls("CreateImageCache"));
        Assert.DoesNotContain(await _h.EventsAboutAsync("short-lived"), e => e.Reason == ImageCacheEventReasons.Missing);
        Assert.Contains(await _h.EventsAboutAsync("short-lived"), e => e.Reason == "CacheExpired" && e.Type == "Normal");
    }

    [Fact]
    public async Task A_failed_cache_shows_ecis_reason_and_is_retried_after_ecis_failure_expiry()
    {
        _h.Eci.SetRegistryUnreachable("registry.example.com");
        await _h.CreateAsync("broken", "registry.example.com/team/app:1");
        await _h.ConvergeAsync();

        var failed = (await _h.GetAsync("broken")).Status!;
        Assert.Equal(ImageCachePhase.Failed, failed.Phase);
        var ready = Assert.Single(failed.Conditions!, c => c.Type == ImageCacheConditionTypes.Ready);
        Assert.Equal("False", ready.Status);
        Assert.Contains("no such host", ready.Message, StringComparison.Ordinal);
        Assert.Contains(failed.Events!, e => e.Type == "Warning" && e.Message.Contains("no such host", StringComparison.Ordinal));
        var warning = Assert.Single(await _h.EventsAboutAsync("broken"), e => e.Reason == ImageCacheEventReasons.Failed);
        Assert.Equal("Warning", warning.Type);
        Assert.Contains("no such host", warning.Message, StringComparison.Ordinal);
        Assert.Equal(1, _h.EciCalls("CreateImageCache"));

        // ECI keeps a failed cache for 24 hours; then reconcile tries again with a new cache.
        // (The registry stays unreachable: the emulator derives a cache's state from the current rules.)
        _h.Eci.Clock.Advance(TimeSpan.FromHours(24));
        var retry = await _h.PassAsync();

        Assert.Empty(retry.Errors);
        Assert.Equal(1, retry.Created);
        Assert.Equal(2, _h.EciCalls("CreateImageCache"));
        var retried = (await _h.GetAsync("broken")).Status!;
        Assert.NotEqual(failed.ImageCacheId, retried.ImageCacheId);
        Assert.Equal(ImageCachePhase.Preparing, retried.Phase);
        Assert.Contains(await _h.EventsAboutAsync("broken"), e => e.Reason == ImageCacheEventReasons.Recreated);
        Assert.Single(await _h.EciCachesAsync());
    }

    [Fact]
    public async Task A_failed_cache_is_replaced_when_the_spec_changes_and_the_old_one_is_deleted()
    {
        _h.Eci.SetRegistryUnreachable("registry.example.com");
        await _h.CreateAsync("typo", "registry.example.com/team/app:1");
        await _h.ConvergeAsync();
        var failed = (await _h.GetAsync("typo")).Status!.ImageCacheId!;

        await _h.Store.UpdateAsync("typo", c =>
        {
            c.Spec.Images = ["registry.example.net/team/app:1"];
            return c;
        }, CancellationToken.None);
        await _h.ConvergeAsync();

        var status = (await _h.GetAsync("typo")).Status!;
        Assert.Equal(ImageCachePhase.Ready, status.Phase);
        Assert.NotEqual(failed, status.ImageCacheId);
        Assert.Equal(2, status.ObservedGeneration);
        Assert.Equal(failed, Assert.Single(_h.Eci.Calls.Of("DeleteImageCache")).Parameters["ImageCacheId"]);
        Assert.Equal(status.ImageCacheId, Assert.Single(await _h.EciCachesAsync()).ImageCacheId);
    }

    [Fact]
    public async Task A_missing_secret_blocks_creation_and_is_reported_in_status_and_an_event()
    {
        await _h.CreateDockerSecretAsync("default", "secret1", "https://index.docker.io/v1/", "u", "p");
        await _h.CreateSampleAsync();

        var report = await _h.PassAsync();

        Assert.Equal(1, report.Blocked);
        Assert.Equal(0, _h.EciCalls("CreateImageCache"));
        var status = (await _h.GetAsync("imagecache-sample")).Status!;
        Assert.Equal(ImageCachePhase.Pending, status.Phase);
        var credentials = Assert.Single(status.Conditions!, c => c.Type == ImageCacheConditionTypes.CredentialsResolved);
        Assert.Equal("False", credentials.Status);
        Assert.Contains("default:secret2 not found", credentials.Message, StringComparison.Ordinal);
        Assert.Contains("kube-system:secret3 not found", credentials.Message, StringComparison.Ordinal);
        var warning = Assert.Single(await _h.EventsAboutAsync("imagecache-sample"), e => e.Reason == ImageCacheEventReasons.CredentialsProblem);
        Assert.Equal("Warning", warning.Type);
        Assert.DoesNotContain("p", warning.Message.Split(' '));

        // Nothing changes until the secrets exist: no writes, no ECI calls beyond Describe.
        _h.Kubernetes.ClearRequests();
        await _h.PassAsync();
        Assert.Equal(0, _h.Kubernetes.CountWrites());
        Assert.Equal(0, _h.EciMutations());

        await _h.CreateDockerSecretAsync("default", "secret2", "https://index.docker.io/v1/", "u", "p");
        await _h.CreateDockerSecretAsync("kube-system", "secret3", "https://index.docker.io/v1/", "u", "p");
        await _h.ConvergeAsync();
        var fixedStatus = (await _h.GetAsync("imagecache-sample")).Status!;
        Assert.Equal(ImageCachePhase.Ready, fixedStatus.Phase);
        Assert.DoesNotContain(fixedStatus.Conditions!, c => c.Type == ImageCacheConditionTypes.CredentialsResolved);
    }

    [Fact]
    public async Task Eci_caches_of_this_product_without_an_object_are_reported_as_orphans()
    {
        await _h.CreateAsync("gone-soon", "busybox:latest");
        await _h.ConvergeAsync();
        var id = (await _h.GetAsync("gone-soon")).Status!.ImageCacheId!;

        // The object is removed with its finalizer stripped by hand: its cache is left behind.
        await _h.Store.RemoveFinalizerAsync("gone-soon", ImageCacheResource.Finalizer, CancellationToken.None);
        await _h.Store.DeleteAsync("gone-soon", null, null, CancellationToken.None);
        await _h.CreateAsync("gone-soon", "busybox:latest");

        var report = await _h.PassAsync();

        var orphan = Assert.Single(report.Orphans);
        Assert.Equal(id, orphan.ImageCacheId);
        Assert.Equal("gone-soon", orphan.OwnerName);
        Assert.Equal(1, report.Created);
    }

    [Fact]
    public async Task The_per_object_path_describes_only_that_objects_caches()
    {
        await _h.CreateAsync("one", "busybox:latest");
        await _h.CreateAsync("two", "nginx:1.27");
        await _h.ConvergeAsync();
        await _h.RecordRefreshAsync("one", "busybox:latest", "sha256:" + new string('3', 64), "d-1");
        _h.Eci.Calls.Clear();

        var result = await _h.Reconciler().ReconcileAsync("one", CancellationToken.None);

        Assert.Equal(ObjectReconcileOutcome.Updated, result.Outcome);
        var describe = Assert.Single(_h.Eci.Calls.Of("DescribeImageCaches"));
        Assert.Contains(describe.Parameters, p => p.Key.StartsWith("Tag.", StringComparison.Ordinal) && p.Value == (_h.GetAsync("one").Result.Metadata.Uid));
        Assert.Single(_h.Eci.Calls.Of("UpdateImageCache"));
        Assert.Equal(ObjectReconcileOutcome.NotFound, (await _h.Reconciler().ReconcileAsync("nobody", CancellationToken.None)).Outcome);
    }
}
