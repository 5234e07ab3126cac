using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ImageCacheFunctions.ImageCaches.Images;
using ImageCacheFunctions.ImageCaches.Resources;
using ImageCacheFunctions.LocalGateway.Functions;

namespace ImageCacheFunctions.LocalGateway.Bench;

/// <summary>
/// registry-webhook's process straight (no gateway hop), on the embedded emulators: ImageCache
/// objects indexed as reconcile leaves them, exactly one holding the pushed image, and three
/// deliveries at a fixed concurrency: a duplicate (the digest the cache holds: the commonest
/// delivery), a wrong token (401: the function's cheapest answer, the anchor), and a new digest
/// each time. Run at two fleet sizes to show whether the cost grows with the fleet. The seeding
/// itself measures the Kubernetes emulator's write cost at both sizes.
/// </summary>
internal sealed class WebhookBench : IDisposable
{
    private const string Source = "local-cloudevents";
    private const string Matching = "registry.example.com/bench/app:v1";
    private const string MatchingName = "bench-match";

    private static readonly string CachedDigest = Digest("cached");

    private readonly HttpClient _client = new(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = 64 }) { Timeout = TimeSpan.FromSeconds(30) };
    private readonly Uri _kubernetes;
    private readonly Uri _webhook;
    private readonly string _token;
    private int _objects;
    private long _sequence;

    public WebhookBench(Uri kubernetes, Uri function, string secretsDirectory)
    {
        _kubernetes = kubernetes;
        _webhook = new Uri(function, $"?source={Source}");
        _token = File.ReadAllText(Path.Combine(secretsDirectory, SecretsDirectory.WebhookToken)).Trim();
    }

    public int Objects => _objects;

    /// <summary>Creates ImageCache objects up to <paramref name="total"/>; the creation latencies of this batch.</summary>
    public async Task<LatencySamples> SeedAsync(int total, int concurrency, CancellationToken cancellationToken)
    {
        var from = _objects;
        var result = await LoadRun.RunAsync(total - from, concurrency, async (i, ct) =>
        {
            var index = from + i;
            var image = index == 0 ? Matching : Other(index);
            var name = index == 0 ? MatchingName : $"bench-{index:D6}";
            var labels = new JsonObject();
            foreach (var (key, value) in RepositoryIndexLabel.ForImages([ImageReference.Parse(image)]))
            {
                labels[key] = value;
            }

            var body = new JsonObject
            {
                ["apiVersion"] = ImageCacheResource.ApiVersion,
                ["kind"] = ImageCacheResource.Kind,
                ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = labels },
                ["spec"] = new JsonObject { ["images"] = new JsonArray(image) },
            };
            using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            using var response = await _client.PostAsync(new Uri(_kubernetes, $"apis/{ImageCacheResource.ApiVersion}/{ImageCacheResource.Plural}"), content, ct).ConfigureAwait(false);
            return response.StatusCode == HttpStatusCode.Created;
        }, cancellationToken).ConfigureAwait(false);
        if (result.Failures > 0)
        {
            throw new FunctionBuildException($"bench: {result.Failures} of {result.Requests} ImageCache creations failed");
        }

        if (from == 0)
        {
            // The matching cache holds the digest a duplicate delivery carries.
            var status = new JsonObject { ["status"] = new JsonObject { ["images"] = new JsonArray(new JsonObject { ["image"] = Matching, ["digest"] = CachedDigest }) } };
            using var patch = new StringContent(status.ToJsonString(), Encoding.UTF8);
            patch.Headers.ContentType = new MediaTypeHeaderValue("application/merge-patch+json");
            using var answer = await _client.PatchAsync(new Uri(_kubernetes, $"apis/{ImageCacheResource.ApiVersion}/{ImageCacheResource.Plural}/{MatchingName}/status"), patch, cancellationToken).ConfigureAwait(false);
            answer.EnsureSuccessStatusCode();
        }

        _objects = total;
        return result.Latency;
    }

    public Task<LoadResult> DuplicatesAsync(int requests, int concurrency, CancellationToken cancellationToken) =>
        LoadRun.RunAsync(requests, concurrency, (_, ct) => PostAsync(Matching, CachedDigest, _token, HttpStatusCode.OK, ct), cancellationToken);

    public Task<LoadResult> WrongTokensAsync(int requests, int concurrency, CancellationToken cancellationToken) =>
        LoadRun.RunAsync(requests, concurrency, (_, ct) => PostAsync(Matching, CachedDigest, "not-the-token", HttpStatusCode.Unauthorized, ct), cancellationToken);

    /// <summary>
    /// A new digest each time, spread over <paramref name="caches"/> objects from
    /// <paramref name="first"/> on (request i to object first + i mod caches): pushes to many
    /// repositories, as a registry sends them, rather than 16 at once racing for one object's
    /// status. Each object's first push creates its ECI cache; the later ones are merged into its
    /// pending refresh while ECI builds it.
    /// </summary>
    public Task<LoadResult> NewDigestsAsync(int requests, int concurrency, int first, int caches, CancellationToken cancellationToken) =>
        LoadRun.RunAsync(requests, concurrency, (i, ct) => PostAsync(Other(first + (i % caches)), Digest("new-" + Interlocked.Increment(ref _sequence)), _token, HttpStatusCode.OK, ct), cancellationToken);

    public void Dispose() => _client.Dispose();

    private async Task<bool> PostAsync(string image, string digest, string token, HttpStatusCode expected, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["specversion"] = "1.0",
            ["id"] = "bench-" + Interlocked.Increment(ref _sequence).ToString(CultureInfo.InvariantCulture),
            ["source"] = "/bench",
            ["type"] = "com.example.image.pushed",
            ["datacontenttype"] = "application/json",
            ["data"] = new JsonObject { ["image"] = image + "@" + digest },
        }.ToJsonString();
        using var request = new HttpRequestMessage(HttpMethod.Post, _webhook) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/cloudevents+json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return response.StatusCode == expected;
    }

    private static string Other(int index) => $"registry.example.com/bench/other-{index}:v1";

    private static string Digest(string seed) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)));
}
