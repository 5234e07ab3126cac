using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ImageCacheFunctions.Refresh.Tests.Support;
using ImageCacheFunctions.Tests.Support;

namespace ImageCacheFunctions.Refresh.Tests.EndToEnd;

/// <summary>
/// What registries in the field send (issue 16), through the function process: new ACR hosts,
/// push order, partial payloads, JFrog's bare data document and repository keys, Event Grid
/// batches behind a proxy. Same process and emulators as the vendor-sample tests.
/// </summary>
public sealed partial class FunctionProcessTests
{
    // ACR's sample says "repoTest"; ACR itself refuses upper-case repository names.
    private static byte[] AcrSample() =>
        Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Senders.Sample("acr-alibaba-push.json")).Replace("repoTest", "repotest", StringComparison.Ordinal));

    [Fact]
    public async Task Item1_a_push_to_a_new_personal_edition_instance_refreshes_the_cache_that_pulls_through_its_vpc_endpoint()
    {
        // Alibaba: crpi-<instance-id>[-vpc].<region-id>.personal.cr.aliyuncs.com; the source names the public one.
        var cache = await Harness.CreateReadyCacheAsync("crpi-vpc", "crpi-k3x9a7b2c1d0e-vpc.cn-hangzhou.personal.cr.aliyuncs.com/namespace/repotest:latest");

        var (status, summary, _) = await Function.PostAsync("acr-crpi", AcrSample());

        Assert.Equal(HttpStatusCode.OK, status);
        var result = Assert.Single(summary!.Caches);
        Assert.Equal("crpi-vpc", result.Name);
        Assert.Equal("refresh", Assert.Single(result.Images).Decision);
        Assert.Equal(1, Harness.Updates(cache.Status!.ImageCacheId!));

        // Item 4: status.images[].pushedAt is the registry's push time: ACR's zone-less
        // "2016-11-29 12:25:46" read at +08:00, not the day the webhook ran.
        var image = Assert.Single((await Harness.GetAsync("crpi-vpc")).Status!.Images!);
        Assert.Equal(new DateTimeOffset(2016, 11, 29, 4, 25, 46, TimeSpan.Zero), image.PushedAt);
    }

    [Fact]
    public async Task Item1_a_push_to_an_enterprise_instance_refreshes_caches_that_pull_through_its_vpc_endpoint_and_its_custom_domain()
    {
        var vpc = await Harness.CreateReadyCacheAsync("ee-vpc", "myinst-registry-vpc.cn-hangzhou.cr.aliyuncs.com/namespace/repotest:latest");
        var custom = await Harness.CreateReadyCacheAsync("ee-custom", Senders.EnterpriseCustomDomain + "/namespace/repotest:latest");

        var (status, summary, _) = await Function.PostAsync("acr-ee", AcrSample());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["ee-custom", "ee-vpc"], summary!.Caches.Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.Equal(1, Harness.Updates(vpc.Status!.ImageCacheId!));
        Assert.Equal(1, Harness.Updates(custom.Status!.ImageCacheId!));
    }

    [Fact]
    public async Task Item4_a_late_redelivery_of_an_older_push_never_replaces_the_newer_cached_digest()
    {
        const string host = "registry.example.com";
        var cache = await Harness.CreateReadyCacheAsync("order", host + "/team/order:v1");
        var id = cache.Status!.ImageCacheId!;
        var newer = Senders.Digest("order-newer");
        var older = Senders.Digest("order-older");

        var (first, _, _) = await Function.PostAsync("distribution", Senders.Distribution(host, "team/order", "v1", newer, "evt-newer", "2026-03-01T10:00:00Z"));
        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal(1, Harness.Updates(id));

        // distribution retries until it gets a 2xx: the 09:00 push arrives after the 10:00 one.
        var (late, summary, _) = await Function.PostAsync("distribution", Senders.Distribution(host, "team/order", "v1", older, "evt-older", "2026-03-01T09:00:00Z"));

        Assert.Equal(HttpStatusCode.OK, late);
        var decision = Assert.Single(Assert.Single(summary!.Caches).Images);
        Assert.Equal("older-push", decision.Decision);
        Assert.Contains(newer, decision.Reason, StringComparison.Ordinal);
        Assert.Equal(1, Harness.Updates(id));
        var after = await Harness.GetAsync("order");
        Assert.Null(after.Status!.PendingRefresh);
        var image = Assert.Single(after.Status.Images!);
        Assert.Equal(newer, image.Digest);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero), image.PushedAt);
    }

    [Fact]
    public async Task Item5_googles_pubsub_sample_with_a_truncated_digest_refreshes_by_tag_names_the_digest_and_answers_2xx()
    {
        var cache = await Harness.CreateReadyCacheAsync("gar", "us-west1-docker.pkg.dev/my-project/my-repo/hello-world:1.1");

        var (status, summary, _) = await Function.PostAsync("gar", Senders.Sample("gar-pubsub.json"));

        Assert.Equal(HttpStatusCode.OK, status);
        var decision = Assert.Single(Assert.Single(summary!.Caches).Images);
        Assert.Equal("refresh", decision.Decision);
        Assert.Null(decision.Digest);
        var bad = Assert.Single(summary.Ignored);
        Assert.True(bad.Invalid);
        Assert.Equal("message digest", bad.Item);
        Assert.Contains("sha256 needs exactly 64 lower-case hex digits", bad.Reason, StringComparison.Ordinal);
        Assert.Equal(1, Harness.Updates(cache.Status!.ImageCacheId!));
    }

    [Fact]
    public async Task Item6_jfrogs_data_document_without_its_envelope_is_a_4xx_naming_the_envelope()
    {
        var data = JsonNode.Parse(Senders.Sample("jfrog-artifactory-docker-pushed.json"))!["data"]!.ToJsonString();
        Harness.Kubernetes.ClearRequests();

        var (status, summary, _) = await Function.PostAsync("jfrog", Encoding.UTF8.GetBytes(data));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("without its envelope", summary!.Error, StringComparison.Ordinal);
        Assert.Contains("\"domain\": \"docker\"", summary.Error, StringComparison.Ordinal);
        Assert.Empty(Harness.Kubernetes.Requests);
    }

    [Fact]
    public async Task Item7_an_event_grid_cloudevents_batch_relabelled_application_json_is_read_by_its_shape()
    {
        var cache = await Harness.CreateReadyCacheAsync("grid-batch", "demo.azurecr.io/aci-batch:v1");
        var data = JsonNode.Parse(Senders.Sample("azure-acr-eventgrid.json"))![0]!["data"]!.DeepClone();
        data["target"]!["repository"] = "aci-batch";
        var batch = new JsonArray(new JsonObject
        {
            ["specversion"] = "1.0",
            ["type"] = "Microsoft.ContainerRegistry.ImagePushed",
            ["source"] = "/subscriptions/s/resourceGroups/g/providers/Microsoft.ContainerRegistry/registries/demo",
            ["id"] = "831e1650-001e-001b-66ab-eeb76e069632",
            ["time"] = "2018-04-25T21:39:47.6549614Z",
            ["subject"] = "aci-batch:v1",
            ["data"] = data,
        });

        // PostAsync sends eventgrid deliveries as application/json, as a rewriting proxy does.
        var (status, summary, _) = await Function.PostAsync("eventgrid", Encoding.UTF8.GetBytes(batch.ToJsonString()));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("refresh", Assert.Single(Assert.Single(summary!.Caches).Images).Decision);
        Assert.Equal(1, Harness.Updates(cache.Status!.ImageCacheId!));
    }

    [Fact]
    public async Task Item8_a_jfrog_repository_key_maps_to_the_virtual_repository_users_pull_from()
    {
        var cache = await Harness.CreateReadyCacheAsync("jfrog-virtual", "example.jfrog.io/docker-virtual/library/ubuntu:latest");

        var (status, summary, _) = await Function.PostAsync("jfrog-keys", Senders.Sample("jfrog-artifactory-docker-pushed.json"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, summary!.EventsRecognised);
        var result = Assert.Single(summary.Caches);
        Assert.Equal("jfrog-virtual", result.Name);
        Assert.Equal("sha256:35c4a2c15539c6c1e4e5fa4e554dac323ad0107d8eb5c582d6ff386b383b7dce", Assert.Single(result.Images).Digest);
        Assert.Equal(1, Harness.Updates(cache.Status!.ImageCacheId!));
    }
}

/// <summary>Issue 16 items 2 and 3: one broken source, and edits taking effect without a restart.</summary>
public sealed partial class FunctionProcessTests
{
    [Fact]
    public async Task Item2_a_source_with_a_missing_secret_answers_503_and_is_named_in_ready_while_the_others_work()
    {
        var (status, summary, response) = await Function.PostAsync(Senders.BrokenSource, Senders.Sample("harbor-push-default.json"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("could not be loaded", summary!.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("never-created", summary.Error, StringComparison.Ordinal);
        Assert.True(response.Headers.RetryAfter is not null);

        using var ready = await Function.Client.GetAsync(new Uri(Function.BaseAddress, "_/ready"));
        var details = await ready.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("Degraded", details, StringComparison.Ordinal);
        Assert.Contains("broken:" + Senders.BrokenSource, details, StringComparison.Ordinal);
        Assert.Contains("never-created", details, StringComparison.Ordinal);
        Assert.Contains(Senders.BrokenSource + " could not be loaded", Function.Output, StringComparison.Ordinal);

        // Another source of the same file answers as usual.
        var (other, _, _) = await Function.PostAsync("quay", Senders.Sample("quay-push.json"));
        Assert.Equal(HttpStatusCode.OK, other);
    }

    [Fact]
    public async Task Item3_an_edited_sources_file_and_a_rotated_secret_take_effect_without_a_restart_and_a_broken_edit_keeps_the_last_good()
    {
        var secret = Path.Combine(Harness.Directory, "secrets", "late");

        // As Kubernetes updates a mounted secret or config map: the new content appears at once (rename).
        static async Task ReplaceAsync(string path, string content)
        {
            var next = path + ".next";
            await File.WriteAllTextAsync(next, content);
            File.Move(next, path, overwrite: true);
        }

        async Task<HttpStatusCode> PostLateAsync(string token)
        {
            var uri = new Uri(Function.BaseAddress, "?source=late&token=" + Uri.EscapeDataString(token));
            using var content = new ByteArrayContent(Senders.Sample("dockerhub-push.json"));
            content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
            using var response = await Function.Client.PostAsync(uri, content);
            return response.StatusCode;
        }

        try
        {
            await ReplaceAsync(secret, "late-token-1\n");
            await ReplaceAsync(Harness.SourcesFile, Senders.SourcesYaml() + """

                  late:
                    type: dockerhub
                    auth: { type: url-token, secretFile: secrets/late }
                """);
            Assert.Equal(HttpStatusCode.OK, await WebhookHarness.EventuallyAsync(() => PostLateAsync("late-token-1"), s => s != HttpStatusCode.NotFound, "the new source"));

            // faas-cli secret update: the mounted file gets the new value.
            await ReplaceAsync(secret, "late-token-2\n");
            Assert.Equal(HttpStatusCode.OK, await WebhookHarness.EventuallyAsync(() => PostLateAsync("late-token-2"), s => s != HttpStatusCode.Unauthorized, "the rotated secret"));
            Assert.Equal(HttpStatusCode.Unauthorized, await PostLateAsync("late-token-1"));

            // A half-written secret and an unreadable sources file keep the last good ones, and say why.
            await ReplaceAsync(secret, string.Empty);
            await WebhookHarness.EventuallyAsync(() => Task.FromResult(Function.Output), o => o.Contains("source late: the new version cannot be loaded", StringComparison.Ordinal), "the refused secret in the log");
            await ReplaceAsync(Harness.SourcesFile, "sources: [this is not: a map");
            await WebhookHarness.EventuallyAsync(() => Task.FromResult(Function.Output), o => o.Contains("the last good one stays in force", StringComparison.Ordinal), "the refused file in the log");
            Assert.Equal(HttpStatusCode.OK, await PostLateAsync("late-token-2"));
        }
        finally
        {
            await ReplaceAsync(Harness.SourcesFile, Senders.SourcesYaml());
        }

        Assert.Equal(HttpStatusCode.NotFound, await WebhookHarness.EventuallyAsync(() => PostLateAsync("late-token-2"), s => s == HttpStatusCode.NotFound, "the source removed"));
    }
}
