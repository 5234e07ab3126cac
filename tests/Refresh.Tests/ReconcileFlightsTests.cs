using ImageCacheFunctions.ImageCaches.Operations.Reconcile;
using ImageCacheFunctions.ImageCaches.Operations.Refresh;

namespace ImageCacheFunctions.Refresh.Tests;

/// <summary>Single flight per cache: one reconcile running, one follow-up shared by all who asked meanwhile.</summary>
public sealed class ReconcileFlightsTests
{
    [Fact]
    public async Task Callers_arriving_while_a_reconcile_runs_share_one_follow_up()
    {
        var flights = new ReconcileFlights();
        var release = new TaskCompletionSource();
        var started = new TaskCompletionSource();
        var runs = 0;
        async Task<ObjectReconcileResult> Reconcile()
        {
            var run = Interlocked.Increment(ref runs);
            if (run == 1)
            {
                started.SetResult();
                await release.Task;
            }

            return new ObjectReconcileResult("app", ObjectReconcileOutcome.Updated, Message: $"run {run}");
        }

        var first = flights.RunAsync("app", Reconcile);
        await started.Task.WaitAsync(TimeSpan.FromMinutes(1));
        var joined = Enumerable.Range(0, 50).Select(_ => flights.RunAsync("app", Reconcile)).ToList();
        var other = flights.RunAsync("web", () => Task.FromResult(new ObjectReconcileResult("web", ObjectReconcileOutcome.Unchanged)));
        Assert.False(first.IsCompleted);
        Assert.All(joined, j => Assert.False(j.IsCompleted));
        Assert.Equal(ObjectReconcileOutcome.Unchanged, (await other.WaitAsync(TimeSpan.FromMinutes(1))).Outcome);

        release.SetResult();
        var results = await Task.WhenAll(joined).WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal("run 1", (await first).Message);
        Assert.All(results, r => Assert.Equal("run 2", r.Message));
        Assert.Equal(2, runs);
        Assert.Equal(0, flights.Running);
    }
}
