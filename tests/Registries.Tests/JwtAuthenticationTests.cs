using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ImageCacheFunctions.ImageCaches.Registries;
using ImageCacheFunctions.Registries.Tests.Support;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ImageCacheFunctions.Registries.Tests;

/// <summary>
/// Signed OIDC tokens instead of URL tokens: Google Pub/Sub push (<c>--push-auth-service-account</c>,
/// the service account in <c>email</c>, the subscription's audience) and Azure Event Grid with
/// Microsoft Entra ID (the application's audience). The issuer is a loopback server publishing an
/// OpenID configuration and a JWKS with keys made here; no test reaches the internet.
/// </summary>
public sealed class JwtAuthenticationTests : IAsyncLifetime
{
    private const string Audience = "https://gateway.example.com/function/registry-webhook";
    private const string ServiceAccount = "pubsub-push@my-project.iam.gserviceaccount.com";

    // Made once: key generation is the slow part of these tests.
    private static readonly RSA IssuerKey = RSA.Create(2048);
    private static readonly RSA OtherKey = RSA.Create(2048);
    private readonly HttpListener _issuer = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("jwt-tests-").FullName;
    private Task? _serving;
    private string _issuerUri = "";
    private WebhookReceiver _receiver = null!;

    public Task InitializeAsync()
    {
        var port = FreePort();
        _issuerUri = $"http://127.0.0.1:{port}";
        _issuer.Prefixes.Add(_issuerUri + "/");
        _issuer.Start();
        _serving = ServeAsync();
        var file = Path.Combine(_folder, "sources.yaml");
        File.WriteAllText(file, $$"""
            sources:
              gar:
                type: gar
                auth:
                  type: jwt
                  issuer: {{_issuerUri}}
                  audience: {{Audience}}
                  claims: { email: {{ServiceAccount}}, email_verified: "true" }
              grid:
                type: eventgrid
                auth: { type: jwt, issuer: "{{_issuerUri}}", audience: "api://imagecache-webhook" }
            """);
        var settings = WebhookSettingsLoader.LoadFile(file);
        Assert.Empty(settings.Broken);
        _receiver = new WebhookReceiver(settings);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_pubsub_push_with_googles_token_shape_is_accepted()
    {
        var outcome = await PostAsync("gar", Token(IssuerKey, Audience, ServiceAccount));

        Assert.Equal(200, outcome.StatusCode);
        Assert.Equal("gar", outcome.SourceName);
        Assert.Single(outcome.Events);
    }

    [Fact]
    public async Task An_event_grid_delivery_with_an_entra_token_is_accepted()
    {
        var outcome = await PostAsync("grid", Token(IssuerKey, "api://imagecache-webhook", null), Payloads.Bytes("azure-acr-eventgrid.json"));

        Assert.Equal(200, outcome.StatusCode);
        Assert.Single(outcome.Events);
    }

    public static TheoryData<string> Forgeries() => ["other-key", "wrong-audience", "wrong-account", "expired", "no-token", "not-a-jwt"];

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task A_token_that_is_not_the_issuers_for_this_audience_and_account_is_401(string forgery)
    {
        var token = forgery switch
        {
            "other-key" => Token(OtherKey, Audience, ServiceAccount),
            "wrong-audience" => Token(IssuerKey, "https://elsewhere.example.com/", ServiceAccount),
            "wrong-account" => Token(IssuerKey, Audience, "someone@evil.iam.gserviceaccount.com"),
            "expired" => Token(IssuerKey, Audience, ServiceAccount, expires: DateTime.UtcNow.AddHours(-1)),
            "no-token" => null,
            _ => "eyJhbGciOiJub25lIn0.e30.",
        };

        var outcome = await PostAsync("gar", token);

        Assert.Equal(401, outcome.StatusCode);
        Assert.Empty(outcome.Events);
    }

    private Task<WebhookOutcome> PostAsync(string source, string? token, byte[]? body = null)
    {
        var headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" };
        if (token is not null)
        {
            headers["Authorization"] = "Bearer " + token;
        }

        if (source == "grid")
        {
            headers["aeg-event-type"] = "Notification";
        }

        body ??= Encoding.UTF8.GetBytes(Payloads.Text("gar-pubsub.json").Replace("sha256:6ec128e26cd5...", "sha256:" + new string('6', 64), StringComparison.Ordinal));
        return _receiver.ReceiveAsync(WebhookRequest.Create("POST", new Dictionary<string, string> { ["source"] = source }, headers, body), CancellationToken.None);
    }

    private string Token(RSA key, string audience, string? email, DateTime? expires = null)
    {
        var claims = new Dictionary<string, object>();
        if (email is not null)
        {
            claims["email"] = email;
            claims["email_verified"] = true;
        }

        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _issuerUri,
            Audience = audience,
            Claims = claims,
            IssuedAt = (expires ?? now.AddHours(1)).AddHours(-1),
            NotBefore = (expires ?? now.AddHours(1)).AddHours(-1),
            Expires = expires ?? now.AddHours(1),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(key) { KeyId = "issuer-key" }, SecurityAlgorithms.RsaSha256),
        });
    }

    // The issuer: its OpenID configuration and its JWKS (the one key made above).
    private async Task ServeAsync()
    {
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(IssuerKey.ExportParameters(false)) { KeyId = "issuer-key" });
        var jwks = JsonSerializer.Serialize(new { keys = new[] { new { kty = jwk.Kty, kid = jwk.Kid, use = "sig", alg = "RS256", n = jwk.N, e = jwk.E } } });
        var configuration = JsonSerializer.Serialize(new { issuer = _issuerUri, jwks_uri = _issuerUri + "/keys" });
        while (_issuer.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _issuer.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            var text = context.Request.Url!.AbsolutePath == "/keys" ? jwks : configuration;
            var bytes = Encoding.UTF8.GetBytes(text);
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public async Task DisposeAsync()
    {
        _issuer.Stop();
        _issuer.Close();
        if (_serving is not null)
        {
            await _serving;
        }

        Directory.Delete(_folder, recursive: true);
    }
}
