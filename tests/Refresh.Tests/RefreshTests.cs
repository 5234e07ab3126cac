using ImageCacheFunctions.ImageCaches.Answers;
using ImageCacheFunctions.ImageCaches.Kubernetes;
using Microsoft.Extensions.DependencyInjection;
using ImageCacheFunctions.Emulators.Eci.Faults;
using ImageCacheFunctions.ImageCaches.Operations.Refresh;
using ImageCacheFunctions.ImageCaches.Resources;
using ImageCacheFunctions.Refresh.Tests.Support;
using ImageCacheFunctions.Tests.Support;

namespace ImageCacheFunctions.Refresh.Tests;

/// <summary>
/// The webhook's refresh path with the function's own services over HTTP against both emulators:
/// find by index label, record the intent on the status, reconcile at once when ECI allows.
/// </summary>
public sealed class RefreshTests : IAsyncLifetime
{
    private const string Image = "registry.example.com/team/app:v1";
    private static readonly string D1 = Senders.Digest("one");
    private static readonly string D2 = Senders.Digest("two");
    private static readonly string D3 = Senders.Digest("three");
    private static readonly string D4 = Senders.Digest("four");

    private WebhookHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await WebhookHarness.StartAsync(new Dictionary<string, string?>
    {
        ["Webhook:AutoCreate:0:Name"] = "team",
        ["Webhook:AutoCreate:0:Repository"] = "team/new-*",
        ["Webhook:AutoCreate:0:ImageCacheSize"] = "40",
        ["Webhook:AutoCreate:0:RetentionDays"] = "7",
    });

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private static byte[] Push(string image, string digest, string id) => Senders.CloudEvent(image, id, digest);

    private Task<WebhookResponse> PostAsync(byte[] body, string source = "ci") => _harness.PostAsync(source, body);

    private static WebhookSummary Summary(WebhookResponse response) => Assert.IsType<WebhookSummary>(response.Body);

    [Fact]
    public async Task A_new_digest_is_recorded_then_applied_to_the_Ready_cache_with_one_update()
    {
        var cache = await _harness.CreateReadyCacheAsync("app", Image);
        var id = cache.Status!.ImageCacheId!;

        var response = await PostAsync(Push(Image, D1, "build-1"));

        Assert.Equal(200, response.StatusCode);
        var summary = Summary(response);
        Assert.Equal(1, summary.EventsRecognised);
        Assert.Equal(1, summary.CachesMatched);
        Assert.Equal(1, summary.RefreshesRequested);
        var result = Assert.Single(summary.Caches);
        Assert.Equal("app", result.Name);
        Assert.Equal("updated", result.Reconcile);
        Assert.Equal("refresh", Assert.Single(result.Images).Decision);
        Assert.Equal(1, _harness.Updates(id));

        var after = await _harness.GetAsync("app");
        Assert.Null(after.Status!.PendingRefresh);
        Assert.Equal(D1, Assert.Single(after.Status.Images!).Digest);
        Assert.Equal(ImageCachePhase.Updating, after.Status.Phase);
        var events = await _harness.EventsAboutAsync("app");
        Assert.Contains(events, e => e.Reason == RefreshEventReasons.RefreshRequested && e.Message.Contains("build-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_same_digest_again_writes_nothing_and_calls_nothing()
    {
        var cache = await _harness.CreateReadyCacheAsync("app", Image);
        await PostAsync(Push(Image, D1, "build-1"));
        await _harness.ConvergeAsync();
        _harness.Kubernetes.ClearRequests();
        var mutations = _harness.EciMutations();

        // A redelivery (same id) and a re-push (new id, same digest).
        var redelivery = await PostAsync(Push(Image, D1, "build-1"));
        var repush = await PostAsync(Push(Image, D1, "build-2"));

        foreach (var response in new[] { redelivery, repush })
        {
            Assert.Equal(200, response.StatusCode);
            var summary = Summary(response);
            Assert.Equal(0, summary.RefreshesRequested);
            var result = Assert.Single(summary.Caches);
            Assert.Equal("already-cached", Assert.Single(result.Images).Decision);
            Assert.Equal("not-needed", result.Reconcile);
        }

        // Not even an Event write: duplicates are counted in memory, written later as one Event.
        Assert.Equal(0, _harness.Kubernetes.CountWrites());
        Assert.Equal(mutations, _harness.EciMutations());
        Assert.Equal(1, _harness.Updates(cache.Status!.ImageCacheId!));
        Assert.DoesNotContain(await _harness.EventsAboutAsync("app"), e => e.Reason == RefreshEventReasons.RefreshNotNeeded);

        await _harness.Services.GetRequiredService<ImageCacheEventTally>().FlushAsync(CancellationToken.None);
        await PostAsync(Push(Image, D1, "build-3"));
        await _harness.Services.GetRequiredService<ImageCacheEventTally>().FlushAsync(CancellationToken.None);

        // Counted as kubectl shows an aggregated Event: one Event, count 3, one write per flush.
        var notNeeded = (await _harness.EventsAboutAsync("app")).Where(e => e.Reason == RefreshEventReasons.RefreshNotNeeded).ToList();
        Assert.Equal(3, Assert.Single(notNeeded).Count);
        Assert.Equal(0, _harness.ImageCacheWrites());
    }

    [Fact]
    public async Task A_burst_while_ECI_updates_is_merged_into_one_more_update()
    {
        var cache = await _harness.CreateReadyCacheAsync("app", Image);
        var id = cache.Status!.ImageCacheId!;
        await PostAsync(Push(Image, D1, "b-1"));
        Assert.Equal(1, _harness.Updates(id));

        foreach (var (digest, delivery) in new[] { (D2, "b-2"), (D3, "b-3"), (D4, "b-4") })
        {
            var response = await PostAsync(Push(Image, digest, delivery));
            Assert.Equal(200, response.StatusCode);
            Assert.Equal("pending", Assert.Single(Summary(response).Caches).Reconcile);
        }

        var pending = (await _harness.GetAsync("app")).Status!.PendingRefresh!;
        Assert.Equal(D4, Assert.Single(pending.Images!).Digest);
        Assert.Equal("b-4", pending.DeliveryId);
        Assert.Equal(1, _harness.Updates(id));

        await _harness.ConvergeAsync();

        Assert.Equal(2, _harness.Updates(id));
        var after = await _harness.GetAsync("app");
        Assert.Null(after.Status!.PendingRefresh);
        Assert.Equal(D4, Assert.Single(after.Status.Images!).Digest);
    }

    [Fact]
    public async Task Every_spelling_of_the_repository_is_found_and_other_tags_are_not()
    {
        await _harness.CreateCacheAsync("short", "nginx");
        await _harness.CreateCacheAsync("long", "docker.io/library/nginx:latest");
        await _harness.CreateCacheAsync("alias", "index.docker.io/library/nginx", "registry.example.com/other:v1");
        await _harness.CreateCacheAsync("other-tag", "nginx:1.27");
        await _harness.CreateCacheAsync("pinned", "nginx:latest@" + D3);
        await _harness.CreateCacheAsync("unrelated", "registry.example.com/team/web:v1");

        var summary = Summary(await PostAsync(Push("registry-1.docker.io/library/nginx:latest", D1, "n-1")));

        Assert.Equal(["alias", "long", "pinned", "short"], summary.Caches.Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.Equal(3, summary.RefreshesRequested);
        Assert.Equal("pinned", Assert.Single(summary.Caches.Single(c => c.Name == "pinned").Images).Decision);
        foreach (var name in new[] { "short", "long", "alias" })
        {
            // The refresh was recorded, then consumed by the ECI cache creation it triggered.
            var status = (await _harness.GetAsync(name)).Status!;
            Assert.Null(status.PendingRefresh);
            Assert.Equal(D1, Assert.Single(status.Images!).Digest);
        }

        Assert.Null((await _harness.GetAsync("other-tag")).Status?.PendingRefresh);
        Assert.Null((await _harness.GetAsync("pinned")).Status?.PendingRefresh);
    }

    [Fact]
    public async Task A_push_without_digest_refreshes_and_a_redelivery_adds_nothing_while_a_refresh_is_pending()
    {
        var cache = await _harness.CreateReadyCacheAsync("hub", "docker.io/svendowideit/testhook:latest");
        var id = cache.Status!.ImageCacheId!;
        var body = Senders.Sample("dockerhub-push.json");

        var first = Summary(await _harness.PostAsync("hub", body));
        Assert.Equal("updated", Assert.Single(first.Caches).Reconcile);

        // Handed to ECI, the refresh no longer records the push (the sender sent no digest to
        // compare): a redelivery now asks for one more refresh, which waits while ECI updates…
        var second = Summary(await _harness.PostAsync("hub", body));
        Assert.Equal(1, second.RefreshesRequested);
        Assert.Equal("pending", Assert.Single(second.Caches).Reconcile);
        Assert.Null(Assert.Single((await _harness.GetAsync("hub")).Status!.PendingRefresh!.Images!).Digest);

        // …and while it is pending, further redeliveries add nothing.
        _harness.Kubernetes.ClearRequests();
        var third = Summary(await _harness.PostAsync("hub", body));
        Assert.Equal(0, third.RefreshesRequested);
        Assert.Equal("already-pending", Assert.Single(Assert.Single(third.Caches).Images).Decision);
        Assert.Equal(0, _harness.ImageCacheWrites());

        await _harness.ConvergeAsync();
        Assert.Equal(2, _harness.Updates(id));
    }

    [Fact]
    public async Task A_push_nobody_caches_is_ignored_with_a_reason_and_a_push_by_digest_too()
    {
        var unknown = Summary(await PostAsync(Push("registry.example.com/team/unknown:v1", D1, "u-1")));
        Assert.Equal(0, unknown.CachesMatched);
        Assert.Contains(unknown.Ignored, i => i.Item == "registry.example.com/team/unknown:v1" && i.Reason.Contains("no auto-create rule", StringComparison.Ordinal));

        var byDigest = await _harness.PostAsync("distribution", Senders.Distribution("registry.example.com", "team/app", null, D1, "e-1"));
        Assert.Equal(200, byDigest.StatusCode);
        Assert.Contains(Summary(byDigest).Ignored, i => i.Reason.Contains("push by digest", StringComparison.Ordinal));
        Assert.Empty(await _harness.ListAsync());
    }

    [Fact]
    public async Task Two_hundred_concurrent_identical_pushes_cost_one_update_and_a_few_describes()
    {
        // Issue 12 item 10: before, 50 UpdateImageCache calls (one ClientToken) and 144 Describes.
        var cache = await _harness.CreateReadyCacheAsync("app", Image);
        var id = cache.Status!.ImageCacheId!;
        var calls = _harness.Eci.Calls.Snapshot().Count;
        var body = Push(Image, D1, "build-1");

        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(() => PostAsync(body))));
        // Whatever still runs in the background for this cache ends before this (single flight).
        await _harness.Services.GetRequiredService<ReconcileFlights>().RunAsync("app", () => Task.FromResult(new ImageCaches.Operations.Reconcile.ObjectReconcileResult("app", ImageCaches.Operations.Reconcile.ObjectReconcileOutcome.Unchanged)));

        Assert.All(responses, r => Assert.Equal(200, r.StatusCode));
        Assert.Equal(1, _harness.Updates(id));
        var describes = _harness.Eci.Calls.Snapshot().Skip(calls).Count(c => c.Action == "DescribeImageCaches");
        Console.WriteLine($"200 identical pushes: {_harness.Updates(id)} UpdateImageCache, {describes} DescribeImageCaches");
        Assert.InRange(describes, 1, 6);
    }

    [Fact]
    public async Task An_auto_create_rule_creates_one_cache_whatever_the_number_of_deliveries()
    {
        var image = "registry.example.com/team/new-api:v3";
        var bodies = Enumerable.Range(0, 4).Select(i => Push(image, D1, $"retry-{i}")).ToList();

        var responses = await Task.WhenAll(bodies.Select(b => PostAsync(b)));

        Assert.All(responses, r => Assert.Equal(200, r.StatusCode));
        Assert.Equal(1, responses.Sum(r => Summary(r).CachesCreated));
        var created = Assert.Single(await _harness.ListAsync($"{ImageCacheResource.AutoCreatedLabel}=team"));
        Assert.StartsWith("team-new-api-v3-", created.Metadata.Name, StringComparison.Ordinal);
        Assert.Equal([image], created.Spec.Images);
        Assert.Equal(40, created.Spec.ImageCacheSize);
        Assert.Equal(7, created.Spec.RetentionDays);
        Assert.Single(_harness.Eci.Calls.Of("CreateImageCache").Select(c => c.Parameters["ClientToken"]).Distinct());
        Assert.Equal(D1, Assert.Single(created.Status!.Images!).Digest);
        Assert.Contains(await _harness.EventsAboutAsync(created.Metadata.Name), e => e.Reason == RefreshEventReasons.AutoCreated);

        // Found by its index label from now on: the same digest is a duplicate.
        var again = Summary(await PostAsync(Push(image, D1, "later")));
        Assert.Equal(0, again.CachesCreated);
        Assert.Equal("already-cached", Assert.Single(Assert.Single(again.Caches).Images).Decision);
    }

    [Fact]
    public async Task A_forged_delivery_is_401_and_changes_nothing()
    {
        await _harness.CreateReadyCacheAsync("app", Image);
        _harness.Kubernetes.ClearRequests();
        var calls = _harness.Eci.Calls.Snapshot().Count;

        var response = await _harness.PostAsync("ci", Push(Image, D1, "forged"), forged: true);

        Assert.Equal(401, response.StatusCode);
        Assert.Empty(_harness.Kubernetes.Requests);
        Assert.Equal(calls, _harness.Eci.Calls.Snapshot().Count);
        Assert.DoesNotContain(Senders.CloudEventsToken, System.Text.Json.JsonSerializer.Serialize(response.Body, ImageCaches.Answers.AnswerJson.Options), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ECI_unreachable_is_503_with_Retry_After_and_the_retry_applies_the_recorded_refresh()
    {
        var cache = await _harness.CreateReadyCacheAsync("app", Image);
        var id = cache.Status!.ImageCacheId!;
        var body = Push(Image, D1, "e-1");
        _harness.Eci.Faults.Settings = new FaultSettings(ServerErrorRate: 1);

        var failed = await PostAsync(body);

        Assert.Equal(503, failed.StatusCode);
        Assert.True(int.Parse(failed.Headers["Retry-After"], System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.NotNull(Summary(failed).Error);
        Assert.Equal(D1, Assert.Single((await _harness.GetAsync("app")).Status!.PendingRefresh!.Images!).Digest);

        _harness.Eci.Faults.Settings = FaultSettings.None;
        var retried = await PostAsync(body);

        Assert.Equal(200, retried.StatusCode);
        var result = Assert.Single(Summary(retried).Caches);
        Assert.Equal("already-pending", Assert.Single(result.Images).Decision);
        Assert.Equal("updated", result.Reconcile);
        Assert.Equal(1, _harness.Updates(id));
    }

    [Fact]
    public async Task Kubernetes_unreachable_is_503_with_Retry_After()
    {
        await _harness.CreateCacheAsync("app", Image);
        await _harness.Kubernetes.DisposeAsync();

        var response = await PostAsync(Push(Image, D1, "k-1"));

        Assert.Equal(503, response.StatusCode);
        Assert.True(response.Headers.ContainsKey("Retry-After"));
        Assert.Contains("Kubernetes", Summary(response).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_index_labels_follow_the_spec()
    {
        await _harness.CreateCacheAsync("app", Image);
        Assert.Single(await _harness.ListAsync(ImageCaches.Images.RepositoryIndexLabel.Selector(ImageCaches.Images.ImageReference.Parse(Image))));

        var store = _harness.Store;
        var changed = await store.UpdateAsync("app", cache =>
        {
            cache.Spec.Images = ["registry.example.com/team/web:v1"];
            return cache;
        }, CancellationToken.None);
        await store.EnsureRepositoryIndexAsync(changed.Object!, CancellationToken.None);

        Assert.Empty(await _harness.ListAsync(ImageCaches.Images.RepositoryIndexLabel.Selector(ImageCaches.Images.ImageReference.Parse(Image))));
        Assert.Single(await _harness.ListAsync(ImageCaches.Images.RepositoryIndexLabel.Selector(ImageCaches.Images.ImageReference.Parse("registry.example.com/team/web:v1"))));

        _harness.Kubernetes.ClearRequests();
        await store.EnsureRepositoryIndexAsync((await store.GetAsync("app", CancellationToken.None))!, CancellationToken.None);
        Assert.Equal(0, _harness.ImageCacheWrites());
    }
}
