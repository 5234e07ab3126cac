using System.Globalization;
using System.Net;
using System.Text;
using ImageCacheFunctions.ImageCaches.Resources;
using ImageCacheFunctions.ImageCaches.Settings;
using ImageCacheFunctions.Reconcile.Tests.Support;
using ImageCacheFunctions.Tests.Support;

namespace ImageCacheFunctions.Reconcile.Tests;

/// <summary>
/// Caches big enough (issue 15, item 3): before CreateImageCache, each image's manifest (or index,
/// then the manifest of the cache's platform) is read over the OCI distribution API, here from a
/// loopback registry that answers with a Bearer challenge and a token service that wants the
/// pull secret's login (Docker's token authentication: realm, service, scope).
/// </summary>
public sealed class SizingTests : IAsyncLifetime
{
    private const long GiB = 1L << 30;
    private const string User = "sizer";
    private const string Password = "sizer-password";
    private ReconcileHarness _h = null!;
    private TokenRegistry _registry = null!;

    public async Task InitializeAsync()
    {
        _registry = TokenRegistry.Start();
        _h = await ReconcileHarness.StartAsync(new Dictionary<string, string?> { ["Eci:Sizing:Enabled"] = "true" });
        await _h.CreateDockerSecretAsync("default", "sizer", _registry.Host, User, Password);
    }

    public async Task DisposeAsync()
    {
        await _h.DisposeAsync();
        _registry.Dispose();
    }

    [Fact]
    public async Task A_cache_left_at_the_default_size_is_sized_by_policy_from_the_platforms_manifest()
    {
        await CreateAsync("big", size: null);

        await _h.PassAsync();

        var create = Assert.Single(_h.Eci.Calls.Of("CreateImageCache"));
        // amd64: 30 GiB + 10 GiB of layers and a 1 KiB config, twice that rounded up.
        Assert.Equal("81", create.Parameters["ImageCacheSize"]);
        var status = (await _h.GetAsync("big")).Status!;
        Assert.Equal((40 * GiB) + 1024, status.MeasuredImageSize);
        var measured = Assert.Single(status.Conditions!, c => c.Type == ImageCacheConditionTypes.ImagesMeasured);
        Assert.Equal("True", measured.Status);
        Assert.Equal("SizedByPolicy", measured.Reason);
        Assert.True(_registry.TokensIssued > 0);
        Assert.Contains(_registry.Requests, r => r.StartsWith("GET /token?", StringComparison.Ordinal) && r.Contains("scope=repository%3Ateam%2Fbig%3Apull", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_arm64_cache_measures_the_arm64_manifest_and_gets_at_least_the_minimum()
    {
        await CreateAsync("arm", size: null, new() { [ImageCacheAnnotations.CpuArch] = "arm64" });

        await _h.PassAsync();

        Assert.Equal("20", Assert.Single(_h.Eci.Calls.Of("CreateImageCache")).Parameters["ImageCacheSize"]);
        Assert.Equal((5 * GiB) + 1024, (await _h.GetAsync("arm")).Status!.MeasuredImageSize);
    }

    [Fact]
    public async Task A_spec_size_below_the_images_is_refused_before_any_eci_call()
    {
        await CreateAsync("small", size: 30);

        await _h.PassAsync();

        Assert.Empty(_h.Eci.Calls.Of("CreateImageCache"));
        var status = (await _h.GetAsync("small")).Status!;
        var ready = Assert.Single(status.Conditions!, c => c.Type == ImageCacheConditionTypes.Ready);
        Assert.Equal("False", ready.Status);
        Assert.Equal("CacheTooSmall", ready.Reason);
        Assert.Contains("81 GiB", ready.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_spec_size_that_holds_the_images_but_not_the_policys_margin_is_a_warning()
    {
        await CreateAsync("tight", size: 50);

        await _h.PassAsync();

        Assert.Equal("50", Assert.Single(_h.Eci.Calls.Of("CreateImageCache")).Parameters["ImageCacheSize"]);
        var measured = Assert.Single((await _h.GetAsync("tight")).Status!.Conditions!, c => c.Type == ImageCacheConditionTypes.ImagesMeasured);
        Assert.Equal("False", measured.Status);
        Assert.Equal("CacheSmallerThanPolicy", measured.Reason);
    }

    [Fact]
    public async Task A_wrong_login_or_an_unreachable_registry_creates_as_today_with_a_warning_condition()
    {
        await _h.CreateDockerSecretAsync("default", "wrong", _registry.Host, User, "not-the-password");
        var cache = ImageCache.Create("unmeasured", new ImageCacheSpec { Images = [$"{_registry.Host}/team/big:1.0"], ImagePullSecrets = ["default:wrong"] });
        cache.Metadata.Annotations = new Dictionary<string, string> { [ImageCacheAnnotations.PlainHttpRegistry] = _registry.Host };
        await _h.CreateAsync(cache);

        await _h.PassAsync();

        Assert.Equal("20", Assert.Single(_h.Eci.Calls.Of("CreateImageCache")).Parameters["ImageCacheSize"]);
        var status = (await _h.GetAsync("unmeasured")).Status!;
        Assert.Null(status.MeasuredImageSize);
        var measured = Assert.Single(status.Conditions!, c => c.Type == ImageCacheConditionTypes.ImagesMeasured);
        Assert.Equal("RegistryUnreachable", measured.Reason);
        Assert.Contains("token service answered 401", measured.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", measured.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_registry_asking_for_basic_auth_gets_the_pull_secrets_login()
    {
        using var basic = TokenRegistry.Start(basic: true);
        await _h.CreateDockerSecretAsync("default", "basic", basic.Host, User, Password);
        var cache = ImageCache.Create("basic", new ImageCacheSpec { Images = [$"{basic.Host}/team/big:1.0"], ImagePullSecrets = ["default:basic"] });
        cache.Metadata.Annotations = new Dictionary<string, string> { [ImageCacheAnnotations.PlainHttpRegistry] = basic.Host };
        await _h.CreateAsync(cache);

        await _h.PassAsync();

        Assert.Equal("81", Assert.Single(_h.Eci.Calls.Of("CreateImageCache")).Parameters["ImageCacheSize"]);
        Assert.Equal(0, basic.TokensIssued);
        Assert.Equal((40 * GiB) + 1024, (await _h.GetAsync("basic")).Status!.MeasuredImageSize);
    }

    private Task<ImageCache> CreateAsync(string name, int? size, Dictionary<string, string>? annotations = null)
    {
        var cache = ImageCache.Create(name, new ImageCacheSpec { Images = [$"{_registry.Host}/team/big:1.0"], ImagePullSecrets = ["default:sizer"], ImageCacheSize = size });
        cache.Metadata.Annotations = annotations ?? [];
        cache.Metadata.Annotations[ImageCacheAnnotations.PlainHttpRegistry] = _registry.Host;
        return _h.CreateAsync(cache);
    }

    /// <summary>
    /// A loopback registry for one repository (team/big:1.0, an OCI index for linux/amd64 and
    /// linux/arm64) behind a Bearer challenge, and its token service wanting Basic sizer:sizer-password.
    /// </summary>
    private sealed class TokenRegistry : IDisposable
    {
        private const string AmdDigest = "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
        private const string ArmDigest = "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
        private readonly HttpListener _listener = new();
        private readonly Task _loop;
        private int _tokens;

        private readonly bool _basic;

        private TokenRegistry(int port, bool basic)
        {
            _basic = basic;
            Host = "127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture);
            _listener.Prefixes.Add($"http://{Host}/");
            _listener.Start();
            _loop = Task.Run(ServeAsync);
        }

        public string Host { get; }

        public int TokensIssued => _tokens;

        public System.Collections.Concurrent.ConcurrentQueue<string> Requests { get; } = new();

        /// <summary>Starts it; with <paramref name="basic"/>, manifests want Basic auth directly (as docker-registry's htpasswd does).</summary>
        public static TokenRegistry Start(bool basic = false) => new(ChildProcess.FreePort(), basic);

        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
            _loop.Wait(TimeSpan.FromSeconds(5));
        }

        private static string Manifest(long layer1, long layer2) => $$$"""
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
             "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc","size":1024},
             "layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd","size":{{{layer1}}}},
                       {"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee","size":{{{layer2}}}}]}
            """;

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                var path = context.Request.Url!.PathAndQuery;
                Requests.Enqueue($"{context.Request.HttpMethod} {path}");
                var auth = context.Request.Headers["Authorization"];
                var basicLogin = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Password}"));
                var (status, body) = path switch
                {
                    _ when path.StartsWith("/token?", StringComparison.Ordinal) =>
                        auth == "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Password}"))
                            ? (200, $"{{\"token\":\"good-token-{Interlocked.Increment(ref _tokens)}\"}}")
                            : (401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}"),
                    _ when (_basic ? auth != basicLogin : auth is null || !auth.StartsWith("Bearer good-token-", StringComparison.Ordinal)) => (401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}"),
                    "/v2/team/big/manifests/1.0" => (200, $$$"""
                        {"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[
                         {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{{{AmdDigest}}}","size":700,"platform":{"architecture":"amd64","os":"linux"}},
                         {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{{{ArmDigest}}}","size":700,"platform":{"architecture":"arm64","os":"linux"}}]}
                        """),
                    "/v2/team/big/manifests/" + AmdDigest => (200, Manifest(30 * GiB, 10 * GiB)),
                    "/v2/team/big/manifests/" + ArmDigest => (200, Manifest(4 * GiB, 1 * GiB)),
                    _ => (404, "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\"}]}"),
                };
                if (status == 401 && !path.StartsWith("/token?", StringComparison.Ordinal))
                {
                    context.Response.AddHeader("WWW-Authenticate", _basic ? "Basic realm=\"Registry Realm\"" : $"Bearer realm=\"http://{Host}/token\",service=\"loopback-registry\",scope=\"repository:team/big:pull\"");
                }

                context.Response.StatusCode = status;
                context.Response.ContentType = "application/json";
                var bytes = Encoding.UTF8.GetBytes(body);
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
        }
    }
}
