using System.Net;
using System.Text;
using ImageCacheFunctions.Refresh.Tests.Support;
using ImageCacheFunctions.Tests.Support;

namespace ImageCacheFunctions.Refresh.Tests.EndToEnd;

/// <summary>The function process and both emulators, shared by the tests of one class.</summary>
public sealed class FunctionFixture : IAsyncLifetime
{
    public WebhookHarness Harness { get; private set; } = null!;

    public FunctionProcess Function { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Harness = await WebhookHarness.StartAsync();
        Function = await FunctionProcess.StartAsync(WebhookHarness.FunctionApp, Harness.Configuration(), Harness.Directory);
    }

    public async Task DisposeAsync()
    {
        await Function.DisposeAsync();
        await Harness.DisposeAsync();
    }
}

/// <summary>
/// registry-webhook as a process over HTTP, with vendor samples posted the way each registry
/// posts them: the full path (post → refresh recorded → UpdateImageCache), a forged credential
/// changing nothing, and the receiver's own answers passing through.
/// </summary>
public sealed partial class FunctionProcessTests(FunctionFixture fixture) : IClassFixture<FunctionFixture>
{
    private WebhookHarness Harness => fixture.Harness;

    private FunctionProcess Function => fixture.Function;

    [Theory]
    [InlineData("acr", "acr-alibaba-push.json", "registry-vpc.cn-hangzhou.aliyuncs.com/namespace/repotest", "sha256:457f4aa83fc9a6663ab9d1b0a6e2dce25a12a943ed5bf2c1747c58d48bbb4917")]
    [InlineData("eventgrid", "azure-acr-eventgrid.json", "demo.azurecr.io/aci-helloworld:v1", "sha256:213bbc182920ab41e18edc2001e06abcca6735d87782d9cef68abd83941cf0e5")]
    [InlineData("jfrog", "jfrog-artifactory-docker-pushed.json", "example.jfrog.io/docker-remote-cache/library/ubuntu", "sha256:35c4a2c15539c6c1e4e5fa4e554dac323ad0107d8eb5c582d6ff386b383b7dce")]
    [InlineData("quay", "quay-push.json", "quay.io/dgangaia/test:latest", null)]
    [InlineData("hub", "dockerhub-push.json", "svendowideit/testhook", null)]
    public async Task A_sample_push_refreshes_its_Ready_cache_through_the_function(string source, string sample, string cachedImage, string? digest)
    {
        var name = "sample-" + source;
        var cache = await Harness.CreateReadyCacheAsync(name, cachedImage);
        var id = cache.Status!.ImageCacheId!;
        var body = Senders.Sample(sample);
        if (source == "acr")
        {
            // The vendor's sample names "repoTest", which ACR itself refuses (repositories are lower case).
            body = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("repoTest", "repotest", StringComparison.Ordinal));
        }

        var (status, summary, _) = await Function.PostAsync(source, body);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(source, summary!.Source);
        Assert.Equal(1, summary.RefreshesRequested);
        var result = Assert.Single(summary.Caches);
        Assert.Equal(name, result.Name);
        Assert.Equal("updated", result.Reconcile);
        Assert.Equal(digest, Assert.Single(result.Images).Digest);
        Assert.Equal(1, Harness.Updates(id));
        var after = await Harness.GetAsync(name);
        Assert.Null(after.Status!.PendingRefresh);
        Assert.Equal(digest, after.Status.Images?.SingleOrDefault()?.Digest);
    }

    [Theory]
    [InlineData("acr", "acr-alibaba-push.json", "registry.cn-hangzhou.aliyuncs.com/namespace/repotest:latest")]
    [InlineData("eventgrid", "azure-acr-eventgrid.json", "demo.azurecr.io/aci-helloworld:v1")]
    [InlineData("jfrog", "jfrog-artifactory-docker-pushed.json", "example.jfrog.io/docker-remote-cache/library/ubuntu:latest")]
    [InlineData("hub", "dockerhub-push.json", "docker.io/svendowideit/testhook:latest")]
    [InlineData("ghcr", "ghcr-package-published.json", "ghcr.io/codertocat/hello-world:latest")]
    public async Task A_forged_credential_is_401_with_no_Kubernetes_write_and_no_ECI_call(string source, string sample, string cachedImage)
    {
        var name = "forged-" + source;
        await Harness.CreateReadyCacheAsync(name, cachedImage);
        Harness.Kubernetes.ClearRequests();
        var eciCalls = Harness.Eci.Calls.Snapshot().Count;

        var (status, summary, _) = await Function.PostAsync(source, Senders.Sample(sample), forged: true);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.NotNull(summary!.Error);
        Assert.Empty(Harness.Kubernetes.Requests);
        Assert.Equal(eciCalls, Harness.Eci.Calls.Snapshot().Count);
        Assert.Null((await Harness.GetAsync(name)).Status!.PendingRefresh);
    }

    [Fact]
    public async Task The_receivers_answers_pass_through_unchanged()
    {
        using var unknownSource = await Function.Client.PostAsync(new Uri(Function.BaseAddress, "?source=nope"), new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NotFound, unknownSource.StatusCode);

        using var xml = new HttpRequestMessage(HttpMethod.Post, new Uri(Function.BaseAddress, "?source=ci"))
        {
            Content = new StringContent("<push/>", Encoding.UTF8, "application/xml"),
        };
        xml.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Senders.CloudEventsToken);
        using var unreadable = await Function.Client.SendAsync(xml);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, unreadable.StatusCode);

        using var options = new HttpRequestMessage(HttpMethod.Options, Function.BaseAddress);
        options.Headers.Add("WebHook-Request-Origin", "ci.example.com");
        using var granted = await Function.Client.SendAsync(options);
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        Assert.Equal("ci.example.com", granted.Headers.GetValues("WebHook-Allowed-Origin").Single());

        using var refused = new HttpRequestMessage(HttpMethod.Options, Function.BaseAddress);
        refused.Headers.Add("WebHook-Request-Origin", "evil.example.com");
        using var forbidden = await Function.Client.SendAsync(refused);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.False(forbidden.Headers.Contains("WebHook-Allowed-Origin"));

        // Event Grid's subscription validation handshake (learn.microsoft.com, "Receive events
        // from Azure Event Grid to an HTTP endpoint": answer 200 with {"validationResponse": code}).
        var validation = Senders.Sample("azure-eventgrid-subscription-validation.json");
        var (validated, _, validatedResponse) = await Function.PostAsync("eventgrid", validation);
        Assert.True(validated == HttpStatusCode.OK, Function.Output);
        Assert.Equal("application/json", validatedResponse.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"validationResponse\":\"512d38b6-c7b8-40c8-89fe-f46f9e9622b6\"", await validatedResponse.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The same validation for a subscription nobody configured.
        var foreign = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(validation).Replace(Senders.EventGridSubscription, "00000000-0000-0000-0000-000000000000", StringComparison.Ordinal));
        var (status, summary, _) = await Function.PostAsync("eventgrid", foreign);
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.NotNull(summary!.Error);
    }
}
