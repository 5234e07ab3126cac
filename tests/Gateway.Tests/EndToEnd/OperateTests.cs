using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ImageCacheFunctions.LocalGateway.Tests.Infrastructure;
using ImageCacheFunctions.Tests.Support;

namespace ImageCacheFunctions.LocalGateway.Tests.EndToEnd;

/// <summary>
/// Operating the stack (docs/operations.md): each function's /metrics through the gateway's
/// <c>/function/&lt;name&gt;/metrics</c> (as the OpenFaaS gateway proxies any sub-path), with
/// counters moving by what a push and reconcile passes did, and a cache's lifecycle
/// CloudEvents arriving at a loopback sink named by <c>K_SINK</c> (the Knative convention).
/// </summary>
[Collection(SlowProcesses.Name)]
public sealed partial class OperateTests(StackBuild build)
{
    private const string Cache = "operate-sample";
    private const string TypePrefix = "dev.openfaas.imagecache.";
    private static readonly string[] Functions = ["registry-webhook", "reconcile-status", "prune-expired", "imagecache-api"];

    [GeneratedRegex(@"^\s+eci emulator (?<url>http://\S+)")]
    private static partial Regex EciLine();

    [Fact]
    public async Task A_push_and_reconciles_move_each_functions_counters_and_reach_the_sink_as_lifecycle_cloudevents()
    {
        _ = await build.GetAsync(Functions[0]);
        StackGatewayTests.WriteUserSecrets(Path.Combine(build.StateDirectory, "secrets"));
        await using var sink = await CloudEventsSink.StartAsync(HttpStatusCode.Accepted);
        await using var gateway = (await GatewayProcess.StartReadyAsync(
            new Dictionary<string, string?> { ["K_SINK"] = sink.Url.ToString() },
            "--stack", Repository.StackFile, "--state-dir", build.StateDirectory, "--port", "0", "--no-cron")).Gateway;
        var client = gateway.Client;
        var kubernetes = new Uri(StackGatewayTests.KubernetesLine().Match(gateway.Lines.First(l => StackGatewayTests.KubernetesLine().IsMatch(l))).Groups["url"].Value);
        var eci = new Uri(EciLine().Match(gateway.Lines.First(l => EciLine().IsMatch(l))).Groups["url"].Value);
        var key = (await File.ReadAllTextAsync(Path.Combine(build.StateDirectory, "secrets", "function-key"))).Trim();

        var before = await ScrapeAllAsync(gateway);

        // Created, Ready; a push refreshes it; Ready again. ECI's clock is moved past each build.
        using (var created = await client.PostAsync(new Uri(kubernetes, "/apis/eci.alibabacloud.com/v1/imagecaches"), Json(
            $$$"""{"apiVersion":"eci.alibabacloud.com/v1","kind":"ImageCache","metadata":{"name":"{{{Cache}}}"},"spec":{"images":["busybox:latest"],"imageCacheSize":25}}""")))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var passes = 0;
        await ReconcileAsync();
        await AdvanceEciAsync();
        await ReconcileAsync();
        Assert.Equal("Ready", await PhaseAsync());

        var push = await PushAsync(new string('a', 64));
        Assert.Equal(HttpStatusCode.OK, push.Status);
        Assert.Equal(1, push.Summary.GetProperty("refreshesRequested").GetInt32());
        // The delivery starts a reconcile of the cache that may outlive its answer: wait until it
        // has handed the refresh to ECI, so that the next pass does not race it.
        Assert.True(await EventuallyAsync(async () => !await RefreshPendingAsync(), attempts: 300), "the webhook's reconcile did not apply the refresh");
        await ReconcileAsync();
        await AdvanceEciAsync();
        await ReconcileAsync();
        Assert.Equal("Ready", await PhaseAsync());

        using (var pruned = await Send(HttpMethod.Post, "/function/prune-expired?dryRun=true"))
        {
            Assert.Equal(HttpStatusCode.OK, pruned.StatusCode);
        }

        using (var listed = await Send(HttpMethod.Get, "/function/imagecache-api/caches"))
        {
            Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        }

        var after = await ScrapeAllAsync(gateway);
        double Delta(string function, string metric, params (string, string)[] labels) =>
            after[function].Value(metric, labels) - before[function].Value(metric, labels);
        double Everywhere(string metric, params (string, string)[] labels) => Functions.Sum(f => Delta(f, metric, labels));

        // Host metrics: one answered call per request above.
        Assert.Equal(1, Delta("registry-webhook", "functions_invocations_total", ("function", "registry-webhook"), ("trigger", "http"), ("status", "2xx")));
        Assert.Equal(passes, Delta("reconcile-status", "functions_invocations_total", ("function", "reconcile-status"), ("trigger", "http"), ("status", "2xx")));
        Assert.Equal(1, Delta("prune-expired", "functions_invocations_total", ("function", "prune-expired"), ("trigger", "http"), ("status", "2xx")));
        Assert.Equal(1, Delta("imagecache-api", "functions_invocations_total", ("function", "caches"), ("trigger", "http"), ("status", "2xx")));
        Assert.Equal(passes, Delta("reconcile-status", "functions_invocation_duration_seconds_count", ("function", "reconcile-status")));

        // registry-webhook: one accepted delivery, one push recognised, one refresh requested.
        Assert.Equal(1, Delta("registry-webhook", "imagecache_webhook_deliveries_total", ("source", "gateway-test"), ("outcome", "accepted")));
        Assert.Equal(1, Delta("registry-webhook", "imagecache_webhook_events_recognised_total", ("source", "gateway-test")));
        Assert.Equal(1, Delta("registry-webhook", "imagecache_webhook_refreshes_requested_total", ("source", "gateway-test")));
        Assert.Equal(0, Delta("registry-webhook", "imagecache_webhook_caches_created_total", ("source", "gateway-test")));
        Assert.Equal(1, Delta("registry-webhook", "imagecache_webhook_decision_duration_seconds_count"));

        // reconcile-status: the passes, one create.
        Assert.Equal(passes, Delta("reconcile-status", "imagecache_reconcile_passes_total", ("result", "ok")));
        Assert.Equal(passes, Delta("reconcile-status", "imagecache_reconcile_pass_duration_seconds_count"));
        Assert.Equal(1, Delta("reconcile-status", "imagecache_reconcile_changes_total", ("kind", "created")));
        Assert.Equal(0, Everywhere("imagecache_reconcile_errors_total"));
        Assert.Equal(1, after["reconcile-status"].Value("imagecache_reconcile_objects", ("phase", "Ready")));

        // The ECI client and the Kubernetes store, by action/verb and outcome.
        Assert.Equal(1, Everywhere("imagecache_eci_requests_total", ("action", "CreateImageCache"), ("outcome", "ok")));
        // The webhook's own immediate reconcile handed the refresh to ECI (the test waited for it).
        Assert.Equal(1, Delta("registry-webhook", "imagecache_eci_requests_total", ("action", "UpdateImageCache"), ("outcome", "ok")));
        Assert.Equal(1, Delta("registry-webhook", "imagecache_reconcile_changes_total", ("kind", "updated")));
        Assert.Equal(0, Delta("reconcile-status", "imagecache_eci_requests_total", ("action", "UpdateImageCache")));
        Assert.True(Delta("reconcile-status", "imagecache_eci_requests_total", ("action", "DescribeImageCaches"), ("outcome", "ok")) >= passes);
        Assert.True(Delta("reconcile-status", "imagecache_kubernetes_requests_total", ("verb", "list"), ("outcome", "ok")) >= passes);
        Assert.True(Delta("reconcile-status", "imagecache_kubernetes_requests_total", ("verb", "replace"), ("outcome", "ok")) > 0);

        // The refresh was timed from its push to Ready again (status and histogram).
        Assert.Equal(1, Delta("reconcile-status", "imagecache_refresh_push_to_ready_seconds_count"));
        var lastRefresh = (await client.GetFromJsonAsync<JsonElement>(new Uri(kubernetes, $"/apis/eci.alibabacloud.com/v1/imagecaches/{Cache}"))).GetProperty("status").GetProperty("lastRefresh");
        Assert.True(lastRefresh.GetProperty("pushToReadySeconds").GetInt64() >= 0, lastRefresh.ToString());
        Assert.True(lastRefresh.GetProperty("readyAt").GetDateTimeOffset() >= lastRefresh.GetProperty("requestedAt").GetDateTimeOffset());

        // Every metric the dashboard and the alerts use is served by the real functions.
        var served = after.Values.SelectMany(s => s.SampleNames.Concat(s.Types.Keys)).ToHashSet(StringComparer.Ordinal);
        var named = MonitoringManifests.DashboardExpressions()
            .Concat(MonitoringManifests.AlertRules().Select(r => MonitoringManifests.Scalar(r, "expr")))
            .SelectMany(MonitoringManifests.MetricNames)
            .Distinct()
            .ToList();
        var missing = named.Where(n => !served.Contains(n)).ToList();
        Assert.True(missing.Count == 0, "not served by any function: " + string.Join(", ", missing));

        // prune-expired: one dry run that found nothing to delete.
        Assert.Equal(1, Delta("prune-expired", "imagecache_prune_runs_total", ("result", "ok")));
        Assert.Equal(0, Delta("prune-expired", "imagecache_prune_deletions_total"));

        // The sink saw the cache's life: created, Ready, the refresh, the update, Ready again.
        Assert.True(await Eventually.TrueAsync(() => LifecycleOf(sink).Count(t => t == "ready") >= 2, TimeSpan.FromSeconds(30)), string.Join(", ", LifecycleOf(sink)));
        var verbs = LifecycleOf(sink);
        AssertInOrder(verbs, "created", "ready", "refreshrequested", "updated", "ready");
        var sources = EventsOf(sink).Where(e => e.Subject == Cache).Select(e => e.Source).ToHashSet();
        Assert.Contains("/functions/reconcile-status", sources);
        Assert.Contains("/functions/registry-webhook", sources);
        Assert.True(
            await EventuallyAsync(async () =>
            {
                var now = await ScrapeAllAsync(gateway);
                return Functions.Sum(f => now[f].Value("imagecache_cloudevents_total", ("outcome", "delivered")) - before[f].Value("imagecache_cloudevents_total", ("outcome", "delivered"))) == sink.Received.Count;
            }),
            "the delivered counters do not add up to what the sink received");

        // With the sink down, the functions answer the same; the failed deliveries are counted.
        await sink.StopAsync();
        var failedBefore = (await ScrapeAllAsync(gateway)).Values.Sum(s => s.Value("imagecache_cloudevents_total", ("outcome", "failed")));
        var second = await PushAsync(new string('b', 64));
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal(1, second.Summary.GetProperty("refreshesRequested").GetInt32());
        await ReconcileAsync();
        Assert.True(
            await EventuallyAsync(async () => (await ScrapeAllAsync(gateway)).Values.Sum(s => s.Value("imagecache_cloudevents_total", ("outcome", "failed"))) > failedBefore),
            "no failed delivery was counted with the sink down");

        Assert.Equal(0, await gateway.StopAsync());

        async Task ReconcileAsync()
        {
            using var response = await Send(HttpMethod.Post, "/function/reconcile-status");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            passes++;
        }

        async Task AdvanceEciAsync()
        {
            using var response = await client.PostAsync(new Uri(eci, "/_emulator/clock/advance"), Json("""{"seconds":120}"""));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        async Task<string?> PhaseAsync()
        {
            var cache = await client.GetFromJsonAsync<JsonElement>(new Uri(kubernetes, $"/apis/eci.alibabacloud.com/v1/imagecaches/{Cache}"));
            return cache.TryGetProperty("status", out var status) && status.TryGetProperty("phase", out var phase) ? phase.GetString() : null;
        }

        async Task<bool> RefreshPendingAsync()
        {
            var cache = await client.GetFromJsonAsync<JsonElement>(new Uri(kubernetes, $"/apis/eci.alibabacloud.com/v1/imagecaches/{Cache}"));
            return cache.GetProperty("status").TryGetProperty("pendingRefresh", out _);
        }

        async Task<(HttpStatusCode Status, JsonElement Summary)> PushAsync(string digestHex)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(gateway.Url, "/function/registry-webhook?source=gateway-test"))
            {
                Content = Json($$"""{"image":"busybox:latest@sha256:{{digestHex}}"}"""),
            };
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "gateway-test-token-value");
            request.Headers.Add("ce-specversion", "1.0");
            request.Headers.Add("ce-id", "push-" + digestHex[..8]);
            request.Headers.Add("ce-source", "/gateway-test");
            request.Headers.Add("ce-type", "com.example.image.pushed");
            using var response = await client.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
        }

        Task<HttpResponseMessage> Send(HttpMethod method, string path)
        {
            var request = new HttpRequestMessage(method, new Uri(gateway.Url, path));
            request.Headers.Add("x-functions-key", key);
            return client.SendAsync(request);
        }
    }

    private static async Task<Dictionary<string, PrometheusScrape>> ScrapeAllAsync(GatewayProcess gateway)
    {
        var scrapes = new Dictionary<string, PrometheusScrape>(StringComparer.Ordinal);
        foreach (var function in Functions)
        {
            scrapes[function] = await PrometheusScrape.GetAsync(gateway.Client, new Uri(gateway.Url, $"/function/{function}/metrics").ToString());
        }

        return scrapes;
    }

    private static List<string> LifecycleOf(CloudEventsSink sink) =>
        EventsOf(sink)
            .Where(e => e.Subject == Cache && e.Type.StartsWith(TypePrefix, StringComparison.Ordinal))
            .OrderBy(e => e.Time)
            .Select(e => e.Type[TypePrefix.Length..])
            .ToList();

    /// <summary>The structured-mode JSON CloudEvents the sink received (CloudEvents JSON format 1.0).</summary>
    private static IEnumerable<(string Type, string Source, string? Subject, DateTimeOffset Time)> EventsOf(CloudEventsSink sink) =>
        sink.Received.Select(r =>
        {
            Assert.StartsWith("application/cloudevents+json", r.ContentType, StringComparison.Ordinal);
            var e = JsonDocument.Parse(r.Body).RootElement;
            Assert.Equal("1.0", e.GetProperty("specversion").GetString());
            return (
                e.GetProperty("type").GetString()!,
                e.GetProperty("source").GetString()!,
                e.TryGetProperty("subject", out var subject) ? subject.GetString() : null,
                e.GetProperty("time").GetDateTimeOffset());
        }).ToList();

    private static void AssertInOrder(IReadOnlyList<string> actual, params string[] expected)
    {
        var at = 0;
        foreach (var verb in actual)
        {
            if (at < expected.Length && verb == expected[at])
            {
                at++;
            }
        }

        Assert.True(at == expected.Length, $"expected {string.Join(", ", expected)} in order, got {string.Join(", ", actual)}");
    }

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, int attempts = 100)
    {
        for (var i = 0; i < attempts; i++)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        return false;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
