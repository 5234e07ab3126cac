using ImageCacheFunctions.Emulators.Eci.Faults;
using ImageCacheFunctions.ImageCaches.Kubernetes;
using ImageCacheFunctions.ImageCaches.Operations.Reconcile;
using ImageCacheFunctions.ImageCaches.Resources;
using ImageCacheFunctions.Reconcile.Tests.Support;

namespace ImageCacheFunctions.Reconcile.Tests;

/// <summary>
/// A delete never guesses: ECI documents no error code for a missing image cache, so "already
/// gone" is decided only by DescribeImageCaches by id returning nothing (issue 15, item 4).
/// </summary>
public sealed class DeletionTests : IAsyncLifetime
{
    private ReconcileHarness _h = null!;

    public async Task InitializeAsync() => _h = await ReconcileHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task A_delete_eci_answers_with_an_unrelated_NotFound_keeps_the_finalizer_until_eci_really_deletes()
    {
        await _h.CreateAsync("billed", "busybox:latest");
        await _h.ConvergeAsync();
        var id = (await _h.GetAsync("billed")).Status!.ImageCacheId!;
        Assert.Equal(ImageCacheDeleteOutcome.Pending, (await _h.Store.DeleteAsync("billed", null, null, CancellationToken.None)).Outcome);

        // A code that merely ends in NotFound, about something else than the cache.
        _h.Eci.Faults.Enqueue(new InjectedFault(404, "InvalidRegionId.NotFound", "The specified region does not exist.", "DeleteImageCache"));
        var first = await _h.PassAsync();

        Assert.Equal(0, first.Finalized);
        var kept = await _h.GetAsync("billed");
        Assert.Contains(ImageCacheResource.Finalizer, kept.Metadata.Finalizers);
        Assert.Contains(await _h.EciCachesAsync(), c => c.ImageCacheId == id);
        var warning = Assert.Single(await _h.EventsAboutAsync("billed"), e => e.Reason == ImageCacheEventReasons.DeleteFailed);
        Assert.Equal("Warning", warning.Type);
        Assert.Contains("InvalidRegionId.NotFound", warning.Message, StringComparison.Ordinal);
        Assert.Contains(_h.Eci.Calls.Of("DescribeImageCaches"), c => c.Parameters.TryGetValue("ImageCacheId", out var asked) && asked == id);

        var second = await _h.PassAsync();

        Assert.Equal(1, second.Finalized);
        Assert.Null(await _h.FindAsync("billed"));
        Assert.Empty(await _h.EciCachesAsync());
    }

    [Fact]
    public async Task A_server_error_on_delete_keeps_the_finalizer_and_the_next_pass_retries()
    {
        await _h.CreateAsync("flaky", "busybox:latest");
        await _h.ConvergeAsync();
        await _h.Store.DeleteAsync("flaky", null, null, CancellationToken.None);

        // More 503s than the client's own retries: the pass gives up, the object stays.
        _h.Eci.Faults.Enqueue(InjectedFault.Unavailable("DeleteImageCache"), times: 10);
        var first = await _h.PassAsync();
        Assert.Equal(0, first.Finalized);
        Assert.NotNull(await _h.FindAsync("flaky"));
        Assert.Single(await _h.EciCachesAsync());

        _h.Eci.Faults.Reset();
        var second = await _h.PassAsync();
        Assert.Equal(1, second.Finalized);
        Assert.Null(await _h.FindAsync("flaky"));
        Assert.Empty(await _h.EciCachesAsync());
    }

    [Fact]
    public async Task A_cache_eci_no_longer_lists_is_gone_and_the_finalizer_is_released()
    {
        await _h.CreateAsync("vanished", "busybox:latest");
        await _h.ConvergeAsync();
        var id = (await _h.GetAsync("vanished")).Status!.ImageCacheId!;
        await _h.EciClient.DeleteImageCacheAsync(new Eci.Models.DeleteImageCacheRequest(id));
        await _h.Store.DeleteAsync("vanished", null, null, CancellationToken.None);

        var report = await _h.PassAsync();

        Assert.Equal(1, report.Finalized);
        Assert.Null(await _h.FindAsync("vanished"));
        Assert.DoesNotContain(await _h.EventsAboutAsync("vanished"), e => e.Reason == ImageCacheEventReasons.DeleteFailed);
    }

    [Fact]
    public async Task An_update_refused_while_eci_lists_the_cache_as_ready_is_reported_not_silently_deferred()
    {
        await _h.CreateAsync("edited", "nginx:1.27");
        await _h.ConvergeAsync();
        await _h.Store.UpdateAsync("edited", c =>
        {
            c.Spec.Images.Add("busybox:latest");
            return c;
        }, CancellationToken.None);

        // An incorrect-status spelling while Describe says Ready: not "ECI moved on", a refusal.
        _h.Eci.Faults.Enqueue(new InjectedFault(403, "IncorrectImageCacheStatus", "The current status does not support this operation.", "UpdateImageCache"));
        var report = await _h.PassAsync();

        var result = Assert.Single(report.Results, r => r.Name == "edited");
        Assert.Equal(ObjectReconcileOutcome.Blocked, result.Outcome);
        var ready = Assert.Single((await _h.GetAsync("edited")).Status!.Conditions!, c => c.Type == ImageCacheConditionTypes.Ready);
        Assert.Equal("False", ready.Status);
        Assert.Contains("IncorrectImageCacheStatus", ready.Message, StringComparison.Ordinal);
    }
}
