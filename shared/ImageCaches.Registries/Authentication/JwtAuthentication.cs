using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace ImageCacheFunctions.ImageCaches.Registries;

/// <summary>
/// A signed OpenID Connect token in <c>Authorization: Bearer</c>: Google Pub/Sub push
/// (<c>--push-auth-service-account</c>: issuer <c>https://accounts.google.com</c>, the configured
/// audience, the service account in <c>email</c>) or Microsoft Entra ID (Event Grid webhook
/// delivery with Entra authentication: issuer <c>https://login.microsoftonline.com/&lt;tenant&gt;/v2.0</c>
/// or <c>https://sts.windows.net/&lt;tenant&gt;/</c>, the application's audience). The signature is
/// checked against the issuer's keys, found through its OpenID configuration document (cached,
/// refreshed by the IdentityModel configuration manager); issuer, audience, lifetime and the
/// configured claims are checked too.
/// </summary>
/// <remarks>
/// Verification needs the network (the keys), so it runs before the pure receiver reads the
/// request: <see cref="WebhookReceiver.ReceiveAsync"/> verifies and marks the request, and
/// <see cref="IsAuthentic"/> reads that mark.
/// </remarks>
public sealed class JwtAuthentication : SourceAuthentication
{
    /// <summary>Tokens longer than this are not parsed (a real OIDC token is 1-2 KiB).</summary>
    public const int MaxTokenLength = 16 * 1024;

    /// <summary>Longest wait for the issuer's configuration or keys.</summary>
    public static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(5);

    private static readonly JsonWebTokenHandler Handler = new() { MaximumTokenSizeInBytes = MaxTokenLength };

    private readonly ConfigurationManager<OpenIdConnectConfiguration> _configuration;
    private readonly IReadOnlyList<string> _issuers;
    private readonly string _audience;
    private readonly IReadOnlyDictionary<string, string> _claims;

    public JwtAuthentication(Uri openIdConfiguration, IReadOnlyList<string> issuers, string audience, IReadOnlyDictionary<string, string> claims, HttpClient? http = null)
    {
        ArgumentNullException.ThrowIfNull(openIdConfiguration);
        OpenIdConfiguration = openIdConfiguration;
        _issuers = issuers;
        _audience = audience;
        _claims = claims;
        var client = http ?? new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = FetchTimeout };
        // https except on loopback (tests and a local emulator of the issuer).
        var retriever = new HttpDocumentRetriever(client) { RequireHttps = !openIdConfiguration.IsLoopback };
        _configuration = new ConfigurationManager<OpenIdConnectConfiguration>(openIdConfiguration.ToString(), new OpenIdConnectConfigurationRetriever(), retriever);
    }

    /// <summary>Where the issuer publishes its configuration (and through it, its keys).</summary>
    public Uri OpenIdConfiguration { get; }

    public override string Scheme => "jwt";

    public override bool IsAuthentic(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.VerifiedBy.Contains(this);
    }

    /// <summary>The bearer token of <paramref name="request"/>, if it carries one.</summary>
    public static string? TokenOf(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var authorization = request.Header("Authorization")?.Trim();
        return authorization is { Length: > 7 and <= MaxTokenLength + 7 } && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? authorization[7..].Trim()
            : null;
    }

    /// <summary>
    /// True when <paramref name="token"/> is signed by the issuer's current keys and its issuer,
    /// audience, lifetime and configured claims are right. Never throws for a bad token; the
    /// issuer being unreachable is false too (the sender gets 401 and retries).
    /// </summary>
    public async Task<bool> VerifyAsync(string token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        OpenIdConnectConfiguration configuration;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(FetchTimeout);
            configuration = await _configuration.GetConfigurationAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or HttpRequestException or OperationCanceledException)
        {
            return false;
        }

        var parameters = new TokenValidationParameters
        {
            ValidIssuers = _issuers,
            ValidAudience = _audience,
            IssuerSigningKeys = configuration.SigningKeys,
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromMinutes(2),
        };
        var result = await Handler.ValidateTokenAsync(token, parameters).ConfigureAwait(false);
        if (!result.IsValid)
        {
            if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
            {
                // The issuer rotated its keys since they were fetched: fetch again next time.
                _configuration.RequestRefresh();
            }

            return false;
        }

        foreach (var (claim, expected) in _claims)
        {
            var text = result.Claims.TryGetValue(claim, out var value)
                ? value switch { bool flag => flag ? "true" : "false", _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) }
                : null;
            if (!string.Equals(text, expected, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
