using System.Text.Json.Nodes;
using ImageCacheFunctions.Api.Tests.Support;
using ImageCacheFunctions.ImageCaches.Operations.Api;
using ImageCacheFunctions.ImageCaches.Resources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.Options;

namespace ImageCacheFunctions.Api.Tests.Emulated;

/// <summary>
/// An admitted ImageCache is reconciled at once: once the API server has stored it, the
/// function POSTs reconcile-status (through the gateway) with the object's name and the key.
/// </summary>
public sealed class ReconcileTriggerTests
{
    private const string Key = "s3cr3t-function-key";

    [Fact]
    public async Task An_admitted_create_triggers_reconcile_once_the_object_is_stored()
    {
        await using var gateway = await RecordingGateway.StartAsync();
        await using var harness = await StartAsync(gateway);
        await harness.CreateDockerSecretAsync("default", "secret1");
        await harness.CreateDockerSecretAsync("default", "secret2");
        await harness.CreateDockerSecretAsync("kube-system", "secret3");

        var response = await ImageCacheAdmissionTests.ReviewAsync(harness, Samples.Fixture("imagecache-create-seed-sample.json"));
        Assert.Equal("true", response.Text("allowed"));
        // The API server stores the object after admission; the trigger waits for it.
        await harness.Store.CreateAsync(ImageCache.Create("imagecache-sample", new ImageCacheSpec { Images = ["centos:latest", "busybox:latest"] }), CancellationToken.None);
        var call = await gateway.NextCallAsync();

        Assert.Equal("POST", call.Method);
        Assert.Equal("/function/reconcile-status", call.Path);
        Assert.Equal("imagecache-sample", call.Name);
        Assert.Equal(Key, call.FunctionKey);
    }

    [Fact]
    public async Task Denied_and_dry_run_admissions_trigger_nothing_but_a_spec_change_does()
    {
        await using var gateway = await RecordingGateway.StartAsync();
        await using var harness = await StartAsync(gateway);
        var dryRun = JsonNode.Parse(Samples.Fixture("imagecache-update.json"))!;
        dryRun["request"]!["dryRun"] = true;
        await harness.Store.CreateAsync(ImageCache.Create("web", new ImageCacheSpec { Images = ["nginx:1.25"] }), CancellationToken.None);

        await ImageCacheAdmissionTests.ReviewAsync(harness, Samples.Fixture("imagecache-create-invalid.json"));
        await ImageCacheAdmissionTests.ReviewAsync(harness, dryRun.ToJsonString());
        // The stored object's resourceVersion differs from the fixture's old one, so the update counts as stored.
        await ImageCacheAdmissionTests.ReviewAsync(harness, Samples.Fixture("imagecache-update.json"));
        var call = await gateway.NextCallAsync();

        Assert.Equal("web", call.Name);
        Assert.Equal(0, gateway.Received);
    }

    [Fact]
    public async Task A_full_queue_is_counted_and_leaves_no_name_behind()
    {
        // Issue 12, item 5: in drop-write mode TryWrite said yes and dropped the item, so nothing
        // was logged and every dropped name stayed pending forever. The clock never moves here,
        // so the worker stays on its first object and the queue fills.
        await using var gateway = await RecordingGateway.StartAsync();
        var secrets = Directory.CreateTempSubdirectory("api-secrets-").FullName;
        await File.WriteAllTextAsync(Path.Combine(secrets, "function-key"), Key);
        await using var harness = await ApiHarness.StartAsync(
            new Dictionary<string, string?>
            {
                ["Api:ReconcileUrl"] = new Uri(gateway.BaseUri, "function/reconcile-status").ToString(),
                ["OPENFAAS_SECRETS_DIR"] = secrets,
            },
            new FakeTimeProvider());
        var trigger = harness.Get<ReconcileTrigger>();
        const int Requests = 1_000;

        var accepted = Enumerable.Range(0, Requests).Count(i => trigger.Request($"cache-{i}", null));

        Assert.InRange(accepted, ReconcileTrigger.QueueCapacity, ReconcileTrigger.QueueCapacity + 1);
        Assert.Equal(Requests - accepted, trigger.Dropped);
        Assert.Equal(accepted, trigger.Pending);
        Assert.False(trigger.Request(new string('n', ImageCacheSpec.MaxNameLength + 1), null));
        Assert.Equal(accepted, trigger.Pending);
    }

    [Fact]
    public async Task A_reconcile_url_without_the_function_key_fails_at_start_with_a_clear_message()
    {
        await using var harness = await ApiHarness.StartAsync(new Dictionary<string, string?> { ["Api:ReconcileUrl"] = "http://gateway.openfaas:8080/function/reconcile-status" });

        var failure = Assert.Throws<OptionsValidationException>(() => harness.Services.GetRequiredService<IOptions<ApiOptions>>().Value);

        Assert.Contains("function-key", failure.Message, StringComparison.Ordinal);
    }

    private static async Task<ApiHarness> StartAsync(RecordingGateway gateway)
    {
        var secrets = Directory.CreateTempSubdirectory("api-secrets-").FullName;
        await File.WriteAllTextAsync(Path.Combine(secrets, "function-key"), Key + "\n");
        return await ApiHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Api:ReconcileUrl"] = new Uri(gateway.BaseUri, "function/reconcile-status").ToString(),
            ["OPENFAAS_SECRETS_DIR"] = secrets,
            ["Api:ReconcileObjectPollInterval"] = "00:00:00.050",
            ["Api:ReconcileObjectWait"] = "00:00:30",
        });
    }
}
