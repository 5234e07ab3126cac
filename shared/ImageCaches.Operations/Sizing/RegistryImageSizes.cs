using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ImageCacheFunctions.ImageCaches.Credentials;
using ImageCacheFunctions.ImageCaches.Images;

namespace ImageCacheFunctions.ImageCaches.Operations.Sizing;

/// <summary>
/// Measures images from their registries over the OCI distribution API
/// (https://github.com/opencontainers/distribution-spec/blob/main/spec.md, "Pulling manifests"):
/// <c>GET /v2/&lt;name&gt;/manifests/&lt;reference&gt;</c> for a manifest or an index (then the
/// manifest of the cache's platform), summing the config and layer sizes. Anonymous first; a
/// 401's <c>WWW-Authenticate</c> challenge decides the next try: <c>Basic</c> with the ImageCache's
/// pull-secret login, or <c>Bearer realm=…,service=…,scope=…</c> — a token from the realm (with
/// that login when there is one), as Docker's token authentication specification describes.
/// Every call has a timeout and reads at most <see cref="MaxDocumentBytes"/>.
/// </summary>
public sealed class RegistryImageSizes(HttpClient http, TimeSpan timeout)
{
    /// <summary>Name of the HttpClient registered for it.</summary>
    public const string HttpClientName = "ImageCacheFunctions.RegistrySizes";

    /// <summary>The largest manifest, index or token answer read (the distribution spec suggests registries accept manifests up to 4 MiB).</summary>
    public const int MaxDocumentBytes = 4 * 1024 * 1024;

    private static readonly string[] ManifestTypes =
    [
        "application/vnd.oci.image.index.v1+json",
        "application/vnd.docker.distribution.manifest.list.v2+json",
        "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.docker.distribution.manifest.v2+json",
    ];

    /// <summary>The compressed size of every image together, or why it could not be read.</summary>
    /// <param name="images">Image references.</param>
    /// <param name="logins">Registry logins from the ImageCache's pull secrets.</param>
    /// <param name="platform">The cache's platform, <c>os/arch</c>.</param>
    /// <param name="plainHttp">Registries reached over plain HTTP (k8s.aliyun.com/plain-http-registry).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public async Task<ImageSizeMeasurement> MeasureAsync(IEnumerable<string> images, IReadOnlyList<RegistryCredential> logins, string platform, IReadOnlyCollection<string> plainHttp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(logins);
        long total = 0;
        foreach (var image in images)
        {
            if (!ImageReference.TryParse(image, out var reference, out var error))
            {
                return ImageSizeMeasurement.Failed($"{image}: {error}");
            }

            try
            {
                total += await MeasureOneAsync(reference!, logins, platform, plainHttp, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException or RegistryAnswerException or JsonException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return ImageSizeMeasurement.Failed($"{reference!.Registry}/{reference.Repository}: {(ex is OperationCanceledException ? $"no answer within {timeout.TotalSeconds:0.#} s" : ex.Message)}");
            }
        }

        return new ImageSizeMeasurement(total, null);
    }

    private async Task<long> MeasureOneAsync(ImageReference image, IReadOnlyList<RegistryCredential> logins, string platform, IReadOnlyCollection<string> plainHttp, CancellationToken cancellationToken)
    {
        var host = image.Registry == "docker.io" ? "registry-1.docker.io" : image.Registry;
        var scheme = plainHttp.Contains(image.Registry, StringComparer.OrdinalIgnoreCase) ? "http" : "https";
        var login = logins.FirstOrDefault(l => string.Equals(RegistryHost.Canonical(l.Server), RegistryHost.Canonical(image.Registry), StringComparison.OrdinalIgnoreCase));
        var session = new Session(this, login);
        var reference = image.Digest?.ToString() ?? image.EffectiveTag ?? "latest";
        var manifest = await session.GetJsonAsync(new Uri($"{scheme}://{host}/v2/{image.Repository}/manifests/{reference}"), cancellationToken).ConfigureAwait(false);
        if (manifest.TryGetProperty("manifests", out var entries))
        {
            var (os, arch) = platform.Split('/') is [var o, var a] ? (o, a) : ("linux", "amd64");
            var chosen = entries.EnumerateArray().FirstOrDefault(m =>
                m.TryGetProperty("platform", out var p)
                && p.TryGetProperty("os", out var mo) && mo.GetString() == os
                && p.TryGetProperty("architecture", out var ma) && ma.GetString() == arch);
            if (chosen.ValueKind != JsonValueKind.Object || !chosen.TryGetProperty("digest", out var digest))
            {
                throw new RegistryAnswerException($"the index has no manifest for {platform}");
            }

            manifest = await session.GetJsonAsync(new Uri($"{scheme}://{host}/v2/{image.Repository}/manifests/{digest.GetString()}"), cancellationToken).ConfigureAwait(false);
        }

        if (!manifest.TryGetProperty("layers", out var layers))
        {
            throw new RegistryAnswerException("the manifest lists no layers (schema 1 manifests are not read)");
        }

        var size = layers.EnumerateArray().Sum(l => l.GetProperty("size").GetInt64());
        return manifest.TryGetProperty("config", out var config) && config.TryGetProperty("size", out var configSize) ? size + configSize.GetInt64() : size;
    }

    private async Task<(HttpStatusCode Status, byte[] Body, AuthenticationHeaderValue? Challenge)> SendAsync(Uri uri, AuthenticationHeaderValue? authorization, bool manifest, CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Authorization = authorization;
        if (manifest)
        {
            foreach (var type in ManifestTypes)
            {
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
            }
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeoutSource.Token).ConfigureAwait(false);
        if (response.Content.Headers.ContentLength > MaxDocumentBytes)
        {
            throw new RegistryAnswerException($"the answer is larger than {MaxDocumentBytes} bytes");
        }

        await using var stream = await response.Content.ReadAsStreamAsync(timeoutSource.Token).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, timeoutSource.Token).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxDocumentBytes)
            {
                throw new RegistryAnswerException($"the answer is larger than {MaxDocumentBytes} bytes");
            }

            buffer.Write(chunk, 0, read);
        }

        return (response.StatusCode, buffer.ToArray(), response.Headers.WwwAuthenticate.FirstOrDefault());
    }

    /// <summary>One image's calls: remembers the authorization a challenge led to.</summary>
    private sealed class Session(RegistryImageSizes owner, RegistryCredential? login)
    {
        private AuthenticationHeaderValue? _authorization;

        public async Task<JsonElement> GetJsonAsync(Uri uri, CancellationToken cancellationToken)
        {
            var (status, body, challenge) = await owner.SendAsync(uri, _authorization, manifest: true, cancellationToken).ConfigureAwait(false);
            if (status == HttpStatusCode.Unauthorized && challenge is not null && _authorization is null)
            {
                _authorization = await AnswerAsync(challenge, cancellationToken).ConfigureAwait(false);
                (status, body, _) = await owner.SendAsync(uri, _authorization, manifest: true, cancellationToken).ConfigureAwait(false);
            }

            if (status != HttpStatusCode.OK)
            {
                throw new RegistryAnswerException($"GET {uri.AbsolutePath} answered {(int)status} {status}");
            }

            return JsonDocument.Parse(body).RootElement.Clone();
        }

        private async Task<AuthenticationHeaderValue> AnswerAsync(AuthenticationHeaderValue challenge, CancellationToken cancellationToken)
        {
            var basic = login is null ? null : new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{login.UserName}:{login.Password}")));
            if (challenge.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
            {
                return basic ?? throw new RegistryAnswerException("the registry asks for a login and no pull secret has one for it");
            }

            if (!challenge.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
            {
                throw new RegistryAnswerException($"unsupported authentication scheme {challenge.Scheme}");
            }

            var parameters = ChallengeParameters(challenge.Parameter ?? "");
            if (!parameters.TryGetValue("realm", out var realm) || !Uri.TryCreate(realm, UriKind.Absolute, out var realmUri) || realmUri.Scheme is not ("https" or "http"))
            {
                throw new RegistryAnswerException("the Bearer challenge has no usable realm");
            }

            var query = string.Join('&', parameters.Where(p => p.Key is "service" or "scope").Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
            var tokenUri = new UriBuilder(realmUri) { Query = string.IsNullOrEmpty(realmUri.Query) ? query : realmUri.Query.TrimStart('?') + "&" + query }.Uri;
            var (status, body, _) = await owner.SendAsync(tokenUri, basic, manifest: false, cancellationToken).ConfigureAwait(false);
            if (status != HttpStatusCode.OK)
            {
                throw new RegistryAnswerException($"the token service answered {(int)status} {status}");
            }

            using var document = JsonDocument.Parse(body);
            var token = document.RootElement.TryGetProperty("token", out var t) ? t.GetString()
                : document.RootElement.TryGetProperty("access_token", out var at) ? at.GetString() : null;
            return string.IsNullOrEmpty(token) ? throw new RegistryAnswerException("the token service gave no token") : new AuthenticationHeaderValue("Bearer", token);
        }

        // realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/busybox:pull"
        private static Dictionary<string, string> ChallengeParameters(string text)
        {
            var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var i = 0;
            while (i < text.Length)
            {
                var eq = text.IndexOf('=', i);
                if (eq < 0)
                {
                    break;
                }

                var key = text[i..eq].Trim(' ', ',');
                string value;
                if (eq + 1 < text.Length && text[eq + 1] == '"')
                {
                    var end = text.IndexOf('"', eq + 2);
                    end = end < 0 ? text.Length : end;
                    value = text[(eq + 2)..end];
                    i = end + 1;
                }
                else
                {
                    var end = text.IndexOf(',', eq + 1);
                    end = end < 0 ? text.Length : end;
                    value = text[(eq + 1)..end].Trim();
                    i = end;
                }

                result[key] = value;
                i++;
            }

            return result;
        }
    }

    private sealed class RegistryAnswerException(string message) : Exception(message);
}

/// <summary>The measured size of a cache's images, or why there is none.</summary>
/// <param name="Bytes">Compressed size of all layers and configs, or null.</param>
/// <param name="Problem">Why they could not be measured (no secret material).</param>
public sealed record ImageSizeMeasurement(long? Bytes, string? Problem)
{
    public static ImageSizeMeasurement Failed(string problem) => new(null, problem);
}
