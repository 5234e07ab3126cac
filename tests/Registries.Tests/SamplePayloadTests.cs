using System.Text;
using ImageCacheFunctions.ImageCaches.Images;
using ImageCacheFunctions.ImageCaches.Registries;
using ImageCacheFunctions.Registries.Tests.Support;
using ImageCacheFunctions.Tests.Support;

namespace ImageCacheFunctions.Registries.Tests;

/// <summary>
/// Every vendor sample, posted with its source's authentication: the events it yields, or the
/// documented reason it yields none. Each sample also gets a wrong credential (401, no events).
/// </summary>
public sealed class SamplePayloadTests : IDisposable
{
    private readonly TestSources sources = new();

    public void Dispose() => sources.Dispose();

    private WebhookOutcome PostSample(string sample, string? body = null, bool named = true)
    {
        var (source, contentType) = Payloads.SenderOf(sample);
        return sources.Post(source, Encoding.UTF8.GetBytes(body ?? Payloads.Text(sample)), contentType, Payloads.SenderHeaders(sample), named);
    }

    private static ImagePushed Single(WebhookOutcome outcome)
    {
        Assert.Equal(WebhookOutcomeKind.Accepted, outcome.Kind);
        Assert.Equal(200, outcome.StatusCode);
        return Assert.Single(outcome.Events);
    }

    /// <summary>
    /// Issue 16 item 5: a usable tag with a bad digest refreshes by tag, names the bad field, and
    /// answers 2xx (Pub/Sub, EventBridge and Azure redeliver anything else for a day or more).
    /// </summary>
    private static ImagePushed AssertReadByTagWithBadDigestNamed(WebhookOutcome outcome, string reasonPart)
    {
        Assert.Equal(WebhookOutcomeKind.Accepted, outcome.Kind);
        Assert.Equal(200, outcome.StatusCode);
        var pushed = Assert.Single(outcome.Events);
        Assert.Null(pushed.Digest);
        Assert.NotNull(pushed.Tag);
        var ignored = Assert.Single(outcome.Ignored);
        Assert.True(ignored.Invalid);
        Assert.EndsWith(" digest", ignored.Item, StringComparison.Ordinal);
        Assert.Contains(reasonPart, ignored.Reason, StringComparison.Ordinal);
        Assert.Contains("refreshed by tag " + pushed.Tag, ignored.Reason, StringComparison.Ordinal);
        return pushed;
    }

    private static void AssertRejectedEvent(WebhookOutcome outcome, string reasonPart)
    {
        Assert.Equal(WebhookOutcomeKind.Accepted, outcome.Kind);
        Assert.Equal(400, outcome.StatusCode);
        Assert.Empty(outcome.Events);
        var ignored = Assert.Single(outcome.Ignored);
        Assert.True(ignored.Invalid);
        Assert.Contains(reasonPart, ignored.Reason, StringComparison.Ordinal);
        Assert.Contains(reasonPart, outcome.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AllSamples))]
    public void Wrong_credentials_get_401_and_no_events(string sample)
    {
        var (source, contentType) = Payloads.SenderOf(sample);
        var body = Payloads.Bytes(sample);

        var named = sources.Post(source, body, contentType, Payloads.SenderHeaders(sample), named: true, wrongCredentials: true);
        var detected = sources.Post(source, body, contentType, Payloads.SenderHeaders(sample), named: false, wrongCredentials: true);

        foreach (var outcome in new[] { named, detected })
        {
            Assert.Equal(401, outcome.StatusCode);
            Assert.Equal(WebhookOutcomeKind.Rejected, outcome.Kind);
            Assert.Empty(outcome.Events);
        }
    }

    [Theory]
    [MemberData(nameof(AllSamples))]
    public void Detection_without_source_parameter_gives_the_same_outcome(string sample)
    {
        var named = PostSample(sample);
        var detected = PostSample(sample, named: false);

        Assert.Equal(named.StatusCode, detected.StatusCode);
        Assert.Equal(Payloads.SenderOf(sample).Source, detected.SourceName);
        Assert.Equal(named.Events, detected.Events);
    }

    public static TheoryData<string> AllSamples() => new(Payloads.All);

    [Fact]
    public void Alibaba_acr_sample_is_refused_because_its_repository_has_upper_case()
    {
        // The vendor sample names "namespace/repoTest"; ACR itself only allows lower case, and no
        // pod could pull an upper-case repository, so the event is invalid (400 for that event).
        AssertRejectedEvent(PostSample("acr-alibaba-push.json"), "must be lowercase");
    }

    [Fact]
    public void Alibaba_acr_push_takes_the_host_from_the_region_and_reads_times_in_china_time()
    {
        var pushed = Single(PostSample("acr-alibaba-push.json", Payloads.Text("acr-alibaba-push.json").Replace("repoTest", "repotest", StringComparison.Ordinal)));

        Assert.Equal("registry.cn-hangzhou.aliyuncs.com", pushed.Registry);
        Assert.Equal("namespace/repotest", pushed.Repository);
        Assert.Equal("latest", pushed.Tag);
        Assert.Equal("sha256:457f4aa83fc9a6663ab9d1b0a6e2dce25a12a943ed5bf2c1747c58d48bbb4917", pushed.Digest.ToString());
        Assert.Null(pushed.MediaType);
        Assert.Equal(new DateTimeOffset(2016, 11, 29, 4, 25, 46, TimeSpan.Zero), pushed.PushedAt);
        Assert.Null(pushed.DeliveryId);
        Assert.Equal("acr", pushed.SourceName);
    }

    [Fact]
    public void Alibaba_acr_enterprise_edition_uses_the_configured_instance_host()
    {
        var body = Encoding.UTF8.GetBytes(Payloads.Text("acr-alibaba-push.json").Replace("repoTest", "repotest", StringComparison.Ordinal));
        var pushed = Single(sources.Post("acr-ee", body));

        Assert.Equal(Senders.EnterpriseVpcHost, pushed.Registry);
        Assert.Equal(Senders.EnterpriseHost + "/namespace/repotest", pushed.Image.RepositoryKey);
    }

    [Fact]
    public void Ecr_sample_with_its_60_hex_digit_digest_refreshes_by_tag_and_names_the_digest()
    {
        var pushed = AssertReadByTagWithBadDigestNamed(PostSample("aws-ecr-eventbridge.json"), "sha256 needs exactly 64 lower-case hex digits");
        Assert.Equal("123456789012.dkr.ecr.us-west-2.amazonaws.com/my-repository-name:latest", pushed.Image.ToString());
    }

    [Fact]
    public void Ecr_push_takes_the_host_from_account_and_region()
    {
        var body = Payloads.Text("aws-ecr-eventbridge.json").Replace("abcd1234\"", "abcd12345678\"", StringComparison.Ordinal);
        var pushed = Single(PostSample("aws-ecr-eventbridge.json", body));

        Assert.Equal("123456789012.dkr.ecr.us-west-2.amazonaws.com", pushed.Registry);
        Assert.Equal("my-repository-name", pushed.Repository);
        Assert.Equal("latest", pushed.Tag);
        Assert.Equal("sha256:7f5b2640fe6fb4f46592dfd3410c4a79dac4f89e4782432e0378abcd12345678", pushed.Digest.ToString());
        Assert.Equal(new DateTimeOffset(2019, 11, 16, 1, 54, 34, TimeSpan.Zero), pushed.PushedAt);
        Assert.Equal("13cde686-328b-6117-af20-0e5566167482", pushed.DeliveryId);
        Assert.Equal("13cde686-328b-6117-af20-0e5566167482", pushed.EventId);
    }

    [Fact]
    public void Ecr_failed_or_non_push_actions_are_ignored()
    {
        var body = Payloads.Text("aws-ecr-eventbridge.json").Replace("\"SUCCESS\"", "\"FAILURE\"", StringComparison.Ordinal);
        var outcome = PostSample("aws-ecr-eventbridge.json", body);

        Assert.Equal(200, outcome.StatusCode);
        Assert.Empty(outcome.Events);
        Assert.False(Assert.Single(outcome.Ignored).Invalid);
    }

    [Fact]
    public void Event_grid_image_pushed_event_is_read_from_its_data()
    {
        var pushed = Single(PostSample("azure-acr-eventgrid.json"));

        Assert.Equal("demo.azurecr.io", pushed.Registry);
        Assert.Equal("aci-helloworld", pushed.Repository);
        Assert.Equal("v1", pushed.Tag);
        Assert.Equal("sha256:213bbc182920ab41e18edc2001e06abcca6735d87782d9cef68abd83941cf0e5", pushed.Digest.ToString());
        Assert.Equal("application/vnd.docker.distribution.manifest.v2+json", pushed.MediaType);
        Assert.Equal(DateTimeOffset.Parse("2018-04-25T21:39:47.2765857Z", System.Globalization.CultureInfo.InvariantCulture), pushed.PushedAt);
        Assert.Equal("831e1650-001e-001b-66ab-eeb76e069631", pushed.DeliveryId);
    }

    [Fact]
    public void Azure_acr_sample_with_its_redacted_digest_refreshes_by_tag_and_names_the_digest()
    {
        var pushed = AssertReadByTagWithBadDigestNamed(PostSample("azure-acr-push.json"), "sha256 needs exactly 64 lower-case hex digits");
        Assert.Equal("myregistry.azurecr.io/hello-world:v1", pushed.Image.ToString());
    }

    [Fact]
    public void Azure_acr_push_with_a_real_digest_is_read()
    {
        var body = Payloads.Text("azure-acr-push.json")
            .Replace("sha256:xxxxd5c8786bb9e621a45ece0dbxxxx1cdc624ad20da9fe62e9d25490f33xxxx", "sha256:" + new string('a', 64), StringComparison.Ordinal);
        var pushed = Single(PostSample("azure-acr-push.json", body));

        Assert.Equal("myregistry.azurecr.io", pushed.Registry);
        Assert.Equal("hello-world", pushed.Repository);
        Assert.Equal("v1", pushed.Tag);
        Assert.Equal("application/vnd.docker.distribution.manifest.v2+json", pushed.MediaType);
        Assert.Equal(new DateTimeOffset(2023, 11, 17, 16, 52, 1, TimeSpan.Zero).AddTicks(3431453), pushed.PushedAt);
        Assert.Equal("cb8c3971-9adc-488b-xxxx-43cbb4974ff5", pushed.DeliveryId);
    }

    [Fact]
    public void Azure_acr_ping_is_accepted_with_nothing_to_do()
    {
        var body = """{"id":"5fd4a0c6-0000-4000-8000-000000000000","timestamp":"2023-11-17T16:52:01Z","action":"ping","request":{"id":"1","host":"myregistry.azurecr.io","method":"POST"}}""";
        var outcome = PostSample("azure-acr-push.json", body);

        Assert.Equal(200, outcome.StatusCode);
        Assert.Empty(outcome.Events);
        Assert.Equal("ping (webhook test)", Assert.Single(outcome.Ignored).Reason);
    }

    [Fact]
    public void Event_grid_subscription_validation_is_answered_for_a_configured_subscription()
    {
        var outcome = PostSample("azure-eventgrid-subscription-validation.json");

        Assert.Equal(WebhookOutcomeKind.Handshake, outcome.Kind);
        Assert.Equal(200, outcome.StatusCode);
        Assert.Equal("""{"validationResponse":"512d38b6-c7b8-40c8-89fe-f46f9e9622b6"}""", outcome.ResponseBody);
        Assert.Empty(outcome.Events);
    }

    [Fact]
    public void Event_grid_subscription_validation_is_refused_for_other_subscriptions()
    {
        var body = Payloads.Text("azure-eventgrid-subscription-validation.json")
            .Replace("/subscriptions/xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", "/subscriptions/someone-else", StringComparison.Ordinal);
        var outcome = PostSample("azure-eventgrid-subscription-validation.json", body);

        Assert.Equal(403, outcome.StatusCode);
        Assert.Null(outcome.ResponseBody);
        Assert.Contains("eventGrid.topics", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Distribution_sample_keeps_the_manifest_push_by_digest_and_drops_the_layer_blobs()
    {
        var outcome = PostSample("distribution-notification.json");
        var pushed = Single(outcome);

        Assert.Equal("registrycluster.local", pushed.Registry);
        Assert.Equal("library/test", pushed.Repository);
        Assert.Null(pushed.Tag);
        Assert.Equal("sha256:fea8895f450959fa676bcc1df0611ea93823a735a01205fd8622846041d0c7cf", pushed.Digest.ToString());
        Assert.Equal("application/vnd.docker.distribution.manifest.v2+json", pushed.MediaType);
        Assert.Equal(new DateTimeOffset(2006, 1, 2, 15, 4, 5, TimeSpan.Zero), pushed.PushedAt);
        Assert.Equal("asdf-asdf-asdf-asdf-0", pushed.DeliveryId);
        Assert.Equal("registrycluster.local/library/test@sha256:fea8895f450959fa676bcc1df0611ea93823a735a01205fd8622846041d0c7cf", pushed.Image.ToString());
        Assert.Equal(2, outcome.Ignored.Count);
        Assert.All(outcome.Ignored, i => Assert.False(i.Invalid));
        Assert.All(outcome.Ignored, i => Assert.Contains("not a manifest", i.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Docker_hub_push_is_on_docker_io_without_a_digest()
    {
        var pushed = Single(PostSample("dockerhub-push.json"));

        Assert.Equal("docker.io", pushed.Registry);
        Assert.Equal("svendowideit/testhook", pushed.Repository);
        Assert.Equal("latest", pushed.Tag);
        Assert.Null(pushed.Digest);
        Assert.Null(pushed.MediaType);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1417566161), pushed.PushedAt);
        Assert.Null(pushed.DeliveryId);
        Assert.StartsWith("sha256-", pushed.EventId, StringComparison.Ordinal);
        Assert.Equal(pushed.EventId, Single(PostSample("dockerhub-push.json")).EventId);
    }

    [Fact]
    public void Docker_hub_official_image_gets_the_library_prefix()
    {
        var body = Payloads.Text("dockerhub-push.json").Replace("\"repo_name\": \"svendowideit/testhook\"", "\"repo_name\": \"nginx\"", StringComparison.Ordinal);
        Assert.Equal("docker.io/library/nginx:latest", Single(PostSample("dockerhub-push.json", body)).Image.ToString());
    }

    [Fact]
    public void Gar_sample_with_Googles_truncated_digest_refreshes_by_tag_and_names_the_digest()
    {
        // Google's own sample (Artifact Registry "Configuring Pub/Sub notifications") truncates the digest.
        var pushed = AssertReadByTagWithBadDigestNamed(PostSample("gar-pubsub.json"), "sha256 needs exactly 64 lower-case hex digits");
        Assert.Equal("us-west1-docker.pkg.dev/my-project/my-repo/hello-world:1.1", pushed.Image.ToString());
    }

    [Fact]
    public void Gar_unwrapped_message_is_read_from_its_references()
    {
        var body = Payloads.Text("gar-pubsub.json").Replace("sha256:6ec128e26cd5...", "sha256:" + new string('6', 64), StringComparison.Ordinal);
        var pushed = Single(sources.Post(
            "gar",
            Encoding.UTF8.GetBytes(body),
            extraHeaders: new() { ["x-goog-pubsub-message-id"] = "123", ["x-goog-pubsub-publish-time"] = "2021-02-26T19:13:55.749Z" }));

        Assert.Equal("us-west1-docker.pkg.dev", pushed.Registry);
        Assert.Equal("my-project/my-repo/hello-world", pushed.Repository);
        Assert.Equal("1.1", pushed.Tag);
        Assert.Equal("sha256:" + new string('6', 64), pushed.Digest.ToString());
        Assert.Equal("123", pushed.DeliveryId);
        Assert.Equal(new DateTimeOffset(2021, 2, 26, 19, 13, 55, 749, TimeSpan.Zero), pushed.PushedAt);
    }

    [Fact]
    public void Pubsub_documentation_envelope_is_refused_because_its_data_is_not_a_notification()
    {
        // Its data is base64 of "Hello Cloud Pub/Sub! Here is my message!".
        AssertRejectedEvent(PostSample("pubsub-push-envelope-doc.json"), "not an Artifact Registry notification");
    }

    [Fact]
    public void Pubsub_push_envelope_with_a_gar_message_is_read()
    {
        var message = $$"""{"action":"INSERT","digest":"europe-docker.pkg.dev/p/r/app@sha256:{{new string('b', 64)}}"}""";
        var body = Payloads.Text("pubsub-push-envelope-doc.json")
            .Replace("SGVsbG8gQ2xvdWQgUHViL1N1YiEgSGVyZSBpcyBteSBtZXNzYWdlIQ==", Convert.ToBase64String(Encoding.UTF8.GetBytes(message)), StringComparison.Ordinal);
        var pushed = Single(PostSample("pubsub-push-envelope-doc.json", body));

        Assert.Equal("europe-docker.pkg.dev/p/r/app@sha256:" + new string('b', 64), pushed.Image.ToString());
        Assert.Null(pushed.Tag);
        Assert.Equal("2070443601311540", pushed.DeliveryId);
        Assert.Equal(new DateTimeOffset(2021, 2, 26, 19, 13, 55, 749, TimeSpan.Zero), pushed.PushedAt);
    }

    [Fact]
    public void Ghcr_untagged_container_version_is_a_push_by_digest()
    {
        var pushed = Single(PostSample("ghcr-package-published.json"));

        Assert.Equal("ghcr.io", pushed.Registry);
        Assert.Equal("codertocat/hello-world", pushed.Repository);
        Assert.Null(pushed.Tag);
        Assert.Equal("sha256:3da1996a8115d7616457760d9920b815241d0a03b34cf5f04e9a0e9d8de37498", pushed.Digest.ToString());
        Assert.Equal("application/vnd.docker.distribution.manifest.v2+json", pushed.MediaType);
        Assert.Equal(new DateTimeOffset(2019, 5, 9, 23, 28, 29, TimeSpan.Zero), pushed.PushedAt);
        Assert.Equal("72d3162e-cc78-11e3-81ab-4c9367dc0958", pushed.DeliveryId);
    }

    [Fact]
    public void Ghcr_tagged_container_version_keeps_its_tag()
    {
        var body = Payloads.Text("ghcr-package-published.json")
            .Replace("\"name\": \"\",", "\"name\": \"v2.0\",", StringComparison.Ordinal)
            .Replace("\"package_type\": \"npm\"", "\"package_type\": \"CONTAINER\"", StringComparison.Ordinal);
        var pushed = Single(PostSample("ghcr-package-published.json", body));

        Assert.Equal("ghcr.io/codertocat/hello-world:v2.0@sha256:3da1996a8115d7616457760d9920b815241d0a03b34cf5f04e9a0e9d8de37498", pushed.Image.ToString());
    }

    [Fact]
    public void Ghcr_non_container_packages_and_pings_are_ignored()
    {
        var npm = Payloads.Text("ghcr-package-published.json").Replace("\"ecosystem\": \"docker\"", "\"ecosystem\": \"npm\"", StringComparison.Ordinal);
        var npmOutcome = PostSample("ghcr-package-published.json", npm);
        Assert.Equal(200, npmOutcome.StatusCode);
        Assert.Empty(npmOutcome.Events);
        Assert.Contains("not a container", Assert.Single(npmOutcome.Ignored).Reason, StringComparison.Ordinal);

        var ping = Encoding.UTF8.GetBytes("""{"zen":"Keep it logically awesome.","hook_id":1}""");
        var pingOutcome = sources.Post("ghcr", ping, extraHeaders: new() { ["X-GitHub-Event"] = "ping" }, named: false);
        Assert.Equal(200, pingOutcome.StatusCode);
        Assert.Equal("ghcr", pingOutcome.SourceName);
        Assert.Empty(pingOutcome.Events);
    }

    [Fact]
    public void Harbor_cloudevents_push_by_digest_is_read_from_the_structured_event()
    {
        var pushed = Single(PostSample("harbor-push-cloudevents.json"));

        Assert.Equal("localhost", pushed.Registry);
        Assert.Equal("harbor/alpine", pushed.Repository);
        Assert.Null(pushed.Tag);
        Assert.Equal("sha256:954b378c375d852eb3c63ab88978f640b4348b01c1b3456a024a81536dafbbf4", pushed.Digest.ToString());
        Assert.Null(pushed.MediaType);
        Assert.Equal(new DateTimeOffset(2023, 4, 3, 6, 4, 46, TimeSpan.Zero), pushed.PushedAt);
        Assert.Equal("66e18103-09c1-41f6-982f-37df223f3eeb", pushed.DeliveryId);
    }

    [Fact]
    public void Harbor_default_push_by_digest_has_the_digest_in_its_tag_field()
    {
        var pushed = Single(PostSample("harbor-push-default.json"));

        Assert.Equal("localhost/harbor/alpine@sha256:954b378c375d852eb3c63ab88978f640b4348b01c1b3456a024a81536dafbbf4", pushed.Image.ToString());
        Assert.Null(pushed.Tag);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1680501893), pushed.PushedAt);
        Assert.Null(pushed.DeliveryId);
    }

    [Fact]
    public void Harbor_push_by_tag_and_other_event_types()
    {
        var tagged = Payloads.Text("harbor-push-default.json")
            .Replace("\"tag\": \"sha256:954b378c375d852eb3c63ab88978f640b4348b01c1b3456a024a81536dafbbf4\"", "\"tag\": \"3.19\"", StringComparison.Ordinal);
        Assert.Equal("3.19", Single(PostSample("harbor-push-default.json", tagged)).Tag);

        var pulled = Payloads.Text("harbor-push-default.json").Replace("PUSH_ARTIFACT", "PULL_ARTIFACT", StringComparison.Ordinal);
        var outcome = PostSample("harbor-push-default.json", pulled);
        Assert.Equal(200, outcome.StatusCode);
        Assert.Empty(outcome.Events);
        Assert.Equal("PULL_ARTIFACT", Assert.Single(outcome.Ignored).Item);
    }

    [Fact]
    public void Jfrog_push_uses_jpd_origin_and_the_repository_path_layout()
    {
        var pushed = Single(PostSample("jfrog-artifactory-docker-pushed.json"));

        Assert.Equal("example.jfrog.io", pushed.Registry);
        Assert.Equal("docker-remote-cache/library/ubuntu", pushed.Repository);
        Assert.Equal("latest", pushed.Tag);
        Assert.Equal("sha256:35c4a2c15539c6c1e4e5fa4e554dac323ad0107d8eb5c582d6ff386b383b7dce", pushed.Digest.ToString());
        Assert.Null(pushed.MediaType);
        Assert.Null(pushed.PushedAt);
        Assert.Null(pushed.DeliveryId);
    }

    [Fact]
    public void Jfrog_plain_token_source_uses_its_configured_registry()
    {
        var pushed = Single(sources.Post("jfrog-token", Payloads.Bytes("jfrog-artifactory-docker-pushed.json")));

        Assert.Equal("artifactory.example.com/docker-remote-cache/library/ubuntu:latest@sha256:35c4a2c15539c6c1e4e5fa4e554dac323ad0107d8eb5c582d6ff386b383b7dce", pushed.Image.ToString());
    }

    [Fact]
    public void Quay_push_yields_one_event_per_updated_tag_without_digest()
    {
        var pushed = Single(PostSample("quay-push.json"));
        Assert.Equal("quay.io/dgangaia/test:latest", pushed.Image.ToString());
        Assert.Null(pushed.Digest);
        Assert.Null(pushed.PushedAt);

        var twoTags = Payloads.Text("quay-push.json").Replace("\"latest\"", "\"latest\", \"v1\"", StringComparison.Ordinal);
        var outcome = PostSample("quay-push.json", twoTags);
        Assert.Equal(["latest", "v1"], outcome.Events.Select(e => e.Tag));
        Assert.Equal(2, outcome.Events.Select(e => e.EventId).Distinct().Count());
    }

    [Fact]
    public void Every_event_converts_to_a_valid_cloud_event_of_our_type()
    {
        foreach (var sample in Payloads.All)
        {
            foreach (var pushed in PostSample(sample).Events)
            {
                var cloudEvent = pushed.ToCloudEvent();
                Assert.True(cloudEvent.IsValid);
                Assert.Equal(ImagePushed.CloudEventType, cloudEvent.Type);
                Assert.Equal("/registries/" + pushed.SourceName, cloudEvent.Source!.OriginalString);
                Assert.Equal(pushed.Image.ToString(), cloudEvent.Subject);
                Assert.Equal(ImageReference.Parse(cloudEvent.Subject!), pushed.Image);
            }
        }
    }
}
