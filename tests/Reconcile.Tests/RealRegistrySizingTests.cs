using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using ImageCacheFunctions.ImageCaches.Reconcile;
using ImageCacheFunctions.ImageCaches.Resources;
using ImageCacheFunctions.ImageCaches.Settings;
using ImageCacheFunctions.Reconcile.Tests.Support;
using ImageCacheFunctions.Tests.Support;

namespace ImageCacheFunctions.Reconcile.Tests;

/// <summary>
/// Caches big enough (issue 15, item 3), against the real thing: Debian's docker-registry
/// (CNCF distribution 2.8) behind htpasswd, holding an image this class pushes over the OCI
/// distribution API with a layer of a known size. ECI's smallest cache is 20 GiB, so the image's
/// size decides the outcome only above 20 GiB / Factor: with the largest factor the options allow
/// (100), a layer of 240 MiB asks for 24 GiB.
/// </summary>
public sealed class RealRegistrySizingTests(RealRegistrySizingTests.PushedImage image) : IClassFixture<RealRegistrySizingTests.PushedImage>, IAsyncLifetime
{
    private const double GiB = 1024d * 1024d * 1024d;
    private const int Factor = 100;
    private ReconcileHarness _h = null!;

    public async Task InitializeAsync()
    {
        _h = await ReconcileHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Eci:Sizing:Enabled"] = "true",
            ["Eci:Sizing:Factor"] = Factor.ToString(CultureInfo.InvariantCulture),
            ["Eci:Sizing:RefuseBelowPolicy"] = "true",
        });
        await _h.CreateDockerSecretAsync("default", "pull", image.Registry.Host, image.Login.User, image.Login.Password);
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    /// <summary>What the policy asks for the pushed image: ⌈100 × its compressed size⌉ GiB.</summary>
    private int PolicySize => (int)Math.Ceiling(image.Bytes * (double)Factor / GiB);

    [Fact]
    public async Task An_image_in_docker_registry_behind_htpasswd_sizes_a_cache_left_at_the_default_by_policy()
    {
        Assert.True(PolicySize > ImageCacheSpec.DefaultImageCacheSize, $"the image must be big enough to decide the size, got {PolicySize} GiB");
        await CreateAsync("sized", size: null, secret: "default:pull");

        await _h.PassAsync();

        var create = Assert.Single(_h.Eci.Calls.Of("CreateImageCache"));
        Assert.Equal(PolicySize.ToString(CultureInfo.InvariantCulture), create.Parameters["ImageCacheSize"]);
        var status = (await _h.GetAsync("sized")).Status!;
        Assert.Equal(image.Bytes, status.MeasuredImageSize);
        var measured = Assert.Single(status.Conditions!, c => c.Type == ImageCacheConditionTypes.ImagesMeasured);
        Assert.Equal(("True", "SizedByPolicy"), (measured.Status, measured.Reason));
        // The registry serves nothing without the login (Without_a_login_… shows it), so the exact size
        // came from the manifest read with the pull secret's login after the Basic challenge.
    }

    [Fact]
    public async Task A_spec_size_below_the_policys_size_for_that_image_is_refused_before_any_eci_call()
    {
        var tooSmall = PolicySize - 1;
        await CreateAsync("small", size: tooSmall, secret: "default:pull");

        await _h.PassAsync();

        // The pass lists ECI's caches as always; nothing is created, updated or deleted.
        Assert.Empty(_h.Eci.Calls.Of("CreateImageCache"));
        Assert.Equal(0, _h.EciMutations());
        var cache = await _h.GetAsync("small");
        Assert.Null(cache.Status!.ImageCacheId);
        Assert.Equal(image.Bytes, cache.Status.MeasuredImageSize);
        var ready = Assert.Single(cache.Status.Conditions!, c => c.Type == ImageCacheConditionTypes.Ready);
        Assert.Equal(("False", ImageCacheConditions.CacheTooSmallReason), (ready.Status, ready.Reason));
        Assert.Contains($"spec.imageCacheSize {tooSmall} GiB is below the {PolicySize} GiB", ready.Message, StringComparison.Ordinal);
        Assert.Contains(await _h.EventsAboutAsync("small"), e => e.Type == "Warning" && e.Reason == ImageCacheConditions.CacheTooSmallReason);
    }

    [Fact]
    public async Task Without_a_login_the_registry_accepts_the_cache_is_unmeasured_and_created_as_today_with_a_warning()
    {
        await _h.CreateDockerSecretAsync("default", "wrong", image.Registry.Host, image.Login.User, "not-the-password");
        await CreateAsync("anonymous", size: null, secret: null);
        await CreateAsync("wrong", size: null, secret: "default:wrong");

        await _h.PassAsync();

        var creates = _h.Eci.Calls.Of("CreateImageCache");
        Assert.Equal(2, creates.Count);
        Assert.All(creates, c => Assert.Equal("20", c.Parameters["ImageCacheSize"]));
        foreach (var (name, problem) in new[] { ("anonymous", "the registry asks for a login and no pull secret has one for it"), ("wrong", "401") })
        {
            var status = (await _h.GetAsync(name)).Status!;
            Assert.Null(status.MeasuredImageSize);
            var measured = Assert.Single(status.Conditions!, c => c.Type == ImageCacheConditionTypes.ImagesMeasured);
            Assert.Equal(("False", "RegistryUnreachable"), (measured.Status, measured.Reason));
            Assert.Contains(problem, measured.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("not-the-password", measured.Message, StringComparison.Ordinal);
        }
    }

    private Task<ImageCache> CreateAsync(string name, int? size, string? secret)
    {
        var cache = ImageCache.Create(name, new ImageCacheSpec
        {
            Images = [image.Reference],
            ImagePullSecrets = secret is null ? null : [secret],
            ImageCacheSize = size,
        });
        cache.Metadata.Annotations = new Dictionary<string, string> { [ImageCacheAnnotations.PlainHttpRegistry] = image.Registry.Host };
        return _h.CreateAsync(cache);
    }

    /// <summary>
    /// docker-registry behind htpasswd, holding <c>team/big:1.0</c>: a config and one gzip layer
    /// (a tar of a 240 MiB file, stored uncompressed so the layer is as big as its content), pushed
    /// once for the class with the registry's login.
    /// </summary>
    public sealed class PushedImage : IAsyncLifetime
    {
        private const long Payload = 240L << 20;
        private string _directory = null!;

        public RegistryProcess Registry { get; private set; } = null!;

        public RegistryLogin Login { get; } = new("sizer", "htpasswd-" + Guid.NewGuid().ToString("N"));

        public string Reference => $"{Registry.Host}/team/big:1.0";

        /// <summary>The config's and the layer's sizes: what the cache's images take, compressed.</summary>
        public long Bytes { get; private set; }

        public async Task InitializeAsync()
        {
            _directory = Directory.CreateTempSubdirectory("sizing-registry-").FullName;
            Registry = await RegistryProcess.StartAsync(_directory, login: Login);
            using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromMinutes(1) };
            http.DefaultRequestHeaders.Authorization = Login.BasicHeader();
            var registry = new Uri($"http://{Registry.Host}/v2/team/big/");

            var layerFile = await WriteLayerAsync(Path.Combine(_directory, "layer.tar.gz"));
            var layer = await PushBlobAsync(http, registry, layerFile);
            var configFile = Path.Combine(_directory, "config.json");
            await File.WriteAllTextAsync(configFile, $$"""
                {"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":["{{await DiffIdAsync(layerFile)}}"]},"config":{} }
                """);
            var config = await PushBlobAsync(http, registry, configFile);
            Bytes = config.Size + layer.Size;

            var manifest = Encoding.UTF8.GetBytes($$$"""
                {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
                 "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"{{{config.Digest}}}","size":{{{config.Size}}} },
                 "layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"{{{layer.Digest}}}","size":{{{layer.Size}}} }]}
                """);
            using var content = new ByteArrayContent(manifest);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.oci.image.manifest.v1+json");
            using var put = await http.PutAsync(new Uri(registry, "manifests/1.0"), content);
            Assert.True(put.StatusCode == HttpStatusCode.Created, $"manifest PUT answered {(int)put.StatusCode}: {await put.Content.ReadAsStringAsync()}");

            // The pushed blobs stay in the registry's storage; the local copies are not needed.
            File.Delete(layerFile);
        }

        public async Task DisposeAsync()
        {
            if (Registry is not null)
            {
                await Registry.DisposeAsync();
            }

            Directory.Delete(_directory, recursive: true);
        }

        /// <summary>A tar of one file of <see cref="Payload"/> zero bytes (sparse on disk), gzip-wrapped without compression.</summary>
        private async Task<string> WriteLayerAsync(string path)
        {
            var payload = Path.Combine(_directory, "payload.bin");
            await using (var sparse = File.Create(payload))
            {
                sparse.SetLength(Payload);
            }

            await using (var file = File.Create(path))
            await using (var gzip = new GZipStream(file, CompressionLevel.NoCompression))
            await using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
            {
                await tar.WriteEntryAsync(payload, "data/payload.bin");
            }

            File.Delete(payload);
            return path;
        }

        /// <summary>The digest of the uncompressed layer, as an image config lists it.</summary>
        private static async Task<string> DiffIdAsync(string layer)
        {
            await using var file = File.OpenRead(layer);
            await using var gzip = new GZipStream(file, CompressionMode.Decompress);
            return "sha256:" + Convert.ToHexStringLower(await SHA256.HashDataAsync(gzip));
        }

        /// <summary>A monolithic blob upload (distribution-spec "Pushing blobs": POST, then PUT with the digest).</summary>
        private static async Task<(string Digest, long Size)> PushBlobAsync(HttpClient http, Uri repository, string path)
        {
            string digest;
            await using (var file = File.OpenRead(path))
            {
                digest = "sha256:" + Convert.ToHexStringLower(await SHA256.HashDataAsync(file));
            }

            using var start = await http.PostAsync(new Uri(repository, "blobs/uploads/"), content: null);
            Assert.True(start.StatusCode == HttpStatusCode.Accepted, $"upload POST answered {(int)start.StatusCode}");
            var location = new UriBuilder(new Uri(repository, start.Headers.Location!));
            location.Query = (location.Query.Length > 1 ? location.Query[1..] + "&" : string.Empty) + "digest=" + Uri.EscapeDataString(digest);
            await using var body = File.OpenRead(path);
            using var content = new StreamContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            using var put = await http.PutAsync(location.Uri, content);
            Assert.True(put.StatusCode == HttpStatusCode.Created, $"upload PUT answered {(int)put.StatusCode}: {await put.Content.ReadAsStringAsync()}");
            return (digest, new FileInfo(path).Length);
        }
    }
}
