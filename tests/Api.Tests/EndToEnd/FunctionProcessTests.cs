using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ImageCacheFunctions.Api.Tests.Support;
using ImageCacheFunctions.Tests.Support;
using ImageCacheFunctions.ImageCaches.Resources;
using ImageCacheFunctions.ImageCaches.Tests.Api;

namespace ImageCacheFunctions.Api.Tests.EndToEnd;

/// <summary>
/// The real function process over HTTP against the Kubernetes emulator: routes, the function
/// key, YAML bodies, the admission webhook and /wait, as the gateway would call them.
/// </summary>
public sealed class FunctionProcessTests : IAsyncLifetime
{
    private const string Key = "process-test-key";
    private ApiHarness? _harness;
    private FunctionProcess? _function;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromMinutes(2) };

    private ApiHarness Harness => _harness!;

    public async Task InitializeAsync()
    {
        _harness = await ApiHarness.StartAsync();
        await File.WriteAllTextAsync(Path.Combine(Harness.Directory, "function-key"), Key);
        _function = await FunctionProcess.StartAsync(ApiHarness.FunctionApp, secretsDirectory: Harness.Directory, configuration: new Dictionary<string, string?>
        {
            ["KUBECONFIG"] = Harness.KubeconfigPath,
            ["Api__WaitPollInterval"] = "00:00:00.200",
        });
        _http.BaseAddress = _function.BaseAddress;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        if (_function is not null)
        {
            await _function.DisposeAsync();
        }

        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
    }

    [Fact]
    public async Task Caches_need_the_function_key_and_answer_json()
    {
        await Harness.CreateCacheAsync(Candidates.Object("web", ["nginx:1.7.9"]));

        using var anonymous = await _http.GetAsync(new Uri("caches", UriKind.Relative));
        using var request = new HttpRequestMessage(HttpMethod.Get, "caches?image=docker.io/library/nginx:1.7.9");
        request.Headers.Add("x-functions-key", Key);
        using var response = await _http.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("web", body.Text("items.0.name"));

        using var one = await _http.GetAsync(new Uri("caches/web?code=" + Key, UriKind.Relative));
        using var none = await _http.GetAsync(new Uri("caches/nope?code=" + Key, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
    }

    [Fact]
    public async Task Match_takes_the_seed_pod_as_yaml()
    {
        await Harness.CreateCacheAsync(Candidates.Object("small", ["nginx:1.7.9"], size: 20));
        await Harness.CreateCacheAsync(Candidates.Object("large", ["nginx:1.7.9"], size: 60));

        using var content = new StringContent(Samples.Read("nginx-pod-auto-match.yaml"), Encoding.UTF8, "application/yaml");
        using var response = await _http.PostAsync(new Uri("match?code=" + Key, UriKind.Relative), content);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("large", body.Text("match.name"));
        Assert.Equal("small", body.Text("runnerUp.name"));

        using var bad = new StringContent("{\"images\": [\"Not An Image\"]}", Encoding.UTF8, "application/json");
        using var badResponse = await _http.PostAsync(new Uri("match?code=" + Key, UriKind.Relative), bad);
        Assert.Equal(HttpStatusCode.BadRequest, badResponse.StatusCode);
        Assert.Contains("images[0]", await badResponse.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_admission_webhook_answers_an_AdmissionReview_without_a_key()
    {
        using var content = new StringContent(Samples.Fixture("imagecache-create-invalid.json"), Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(new Uri("admission/imagecaches", UriKind.Relative), content);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("AdmissionReview", body.Text("kind"));
        Assert.Equal("0df28fbd-5f5f-4b2e-9f6c-3d3f0c4f2a11", body.Text("response.uid"));
        Assert.Equal("false", body.Text("response.allowed"));
        Assert.Equal("spec.images[1]", body.Text("response.status.details.causes.0.field"));
    }

    [Fact]
    public async Task Wait_returns_once_the_cache_turns_Ready()
    {
        await Harness.CreateCacheAsync(Candidates.Object("web", ["nginx:1.25"], phase: ImageCachePhase.Creating));

        var waiting = _http.GetAsync(new Uri("wait?image=nginx:1.25&timeout=90s&code=" + Key, UriKind.Relative));
        // The function polls; Ready is written whenever it is, and the wait sees it on a later poll.
        await Harness.WriteStatusAsync("web", new ImageCacheStatus { Phase = ImageCachePhase.Ready, ImageCacheId = "imc-web", Progress = "100%" });
        using var response = await waiting;
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("web", body.Text("cache.name"));

        using var tooLong = await _http.GetAsync(new Uri("wait?image=nginx:1.25&timeout=1h&code=" + Key, UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
    }
}
