using System.Globalization;
using System.Text.Json;
using ImageCacheFunctions.Eci.Errors;
using ImageCacheFunctions.Eci.Wire;

namespace ImageCacheFunctions.Eci.Credentials;

/// <summary>
/// RRSA (RAM Roles for Service Accounts on ACK): exchanges the projected OIDC token for temporary
/// credentials at STS <c>AssumeRoleWithOIDC</c>, caches them and refreshes them before they expire.
/// </summary>
public sealed class OidcRoleCredentialProvider : ICredentialSource, IDisposable
{
    /// <summary>The STS API version.</summary>
    public const string StsApiVersion = "2015-04-01";

    private readonly string? _roleArn;
    private readonly string? _providerArn;
    private readonly string? _tokenFile;
    private readonly string _sessionName;
    private readonly CredentialChainOptions _options;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private AlibabaCloudCredential? _cached;

    /// <summary>Creates the provider.</summary>
    /// <param name="roleArn">The role to assume, e.g. <c>acs:ram::123456789012:role/imagecache</c>.</param>
    /// <param name="oidcProviderArn">The cluster's OIDC provider.</param>
    /// <param name="oidcTokenFile">The projected service-account token file (read on every exchange).</param>
    /// <param name="roleSessionName">Session name; a generated one when null.</param>
    /// <param name="options">STS endpoint, duration, refresh margin and timeout.</param>
    /// <param name="httpClient">HttpClient for STS; a private one when null.</param>
    /// <param name="timeProvider">Clock for expiry decisions.</param>
    public OidcRoleCredentialProvider(
        string? roleArn,
        string? oidcProviderArn,
        string? oidcTokenFile,
        string? roleSessionName,
        CredentialChainOptions options,
        HttpClient? httpClient = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _roleArn = roleArn;
        _providerArn = oidcProviderArn;
        _tokenFile = oidcTokenFile;
        _sessionName = string.IsNullOrWhiteSpace(roleSessionName)
            ? "imagecache-functions-" + Guid.NewGuid().ToString("N")[..12]
            : roleSessionName;
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        if (httpClient is null)
        {
            _http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            _ownsHttp = true;
        }
        else
        {
            _http = httpClient;
        }
    }

    /// <inheritdoc />
    public string Name =>
        $"RRSA ({CredentialEnvironment.RoleArn}, {CredentialEnvironment.OidcProviderArn}, {CredentialEnvironment.OidcTokenFile})";

    /// <inheritdoc />
    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(_roleArn) && !string.IsNullOrWhiteSpace(_providerArn) && !string.IsNullOrWhiteSpace(_tokenFile);

    /// <summary>Number of AssumeRoleWithOIDC exchanges made (for diagnostics).</summary>
    public int ExchangeCount { get; private set; }

    /// <summary>Reads the RRSA variables from the environment.</summary>
    /// <param name="options">Chain settings (environment reader, STS endpoint…).</param>
    /// <param name="httpClient">HttpClient for STS.</param>
    /// <param name="timeProvider">Clock.</param>
    /// <returns>The provider (not configured when a variable is missing).</returns>
    public static OidcRoleCredentialProvider FromEnvironment(CredentialChainOptions options, HttpClient? httpClient = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var env = options.Environment ?? Environment.GetEnvironmentVariable;
        return new OidcRoleCredentialProvider(
            env(CredentialEnvironment.RoleArn),
            env(CredentialEnvironment.OidcProviderArn),
            env(CredentialEnvironment.OidcTokenFile),
            env(CredentialEnvironment.RoleSessionName),
            options,
            httpClient,
            timeProvider);
    }

    /// <inheritdoc />
    public async ValueTask<AlibabaCloudCredential> GetCredentialAsync(CancellationToken cancellationToken)
    {
        var current = _cached;
        if (current is not null && !NeedsRefresh(current))
        {
            return current;
        }

        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            current = _cached;
            if (current is not null && !NeedsRefresh(current))
            {
                return current;
            }

            try
            {
                _cached = await ExchangeAsync(cancellationToken).ConfigureAwait(false);
                return _cached;
            }
            catch (EciException) when (current is not null && current.Expiration > _time.GetUtcNow())
            {
                // STS is unavailable but the cached credentials still work: use them, retry next call.
                return current;
            }
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _refresh.Dispose();
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private bool NeedsRefresh(AlibabaCloudCredential credential) =>
        credential.Expiration is null || credential.Expiration.Value - _time.GetUtcNow() <= _options.RefreshBeforeExpiry;

    private async Task<AlibabaCloudCredential> ExchangeAsync(CancellationToken cancellationToken)
    {
        const string action = "AssumeRoleWithOIDC";
        if (!IsConfigured)
        {
            throw new InvalidOperationException($"RRSA needs {CredentialEnvironment.RoleArn}, {CredentialEnvironment.OidcProviderArn} and {CredentialEnvironment.OidcTokenFile}.");
        }

        string? endpointError = EciEndpoints.Check(_options.StsEndpoint, _options.AllowInsecureStsHttp, "STS endpoint");
        if (endpointError is not null)
        {
            throw new InvalidOperationException(endpointError);
        }

        string token = (await File.ReadAllTextAsync(_tokenFile!, cancellationToken).ConfigureAwait(false)).Trim();
        string query = Signing.CanonicalQuery.Build(new Dictionary<string, string>
        {
            ["Action"] = action,
            ["Format"] = "JSON",
            ["Version"] = StsApiVersion,
            ["Timestamp"] = RpcRequestFactory.FormatTimestamp(_time.GetUtcNow()),
        });

        // The token and role go in the form body, not the URL, so they stay out of access logs.
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_options.StsEndpoint.GetLeftPart(UriPartial.Authority) + "/?" + query))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["RoleArn"] = _roleArn!,
                ["OIDCProviderArn"] = _providerArn!,
                ["OIDCToken"] = token,
                ["RoleSessionName"] = _sessionName,
                ["DurationSeconds"] = _options.DurationSeconds.ToString(CultureInfo.InvariantCulture),
            }),
        };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.StsTimeout);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new EciException(action, null, EciErrorCodes.RequestTimeout, $"STS did not answer within {_options.StsTimeout.TotalSeconds:0.###} s.", innerException: e);
        }
        catch (HttpRequestException e)
        {
            throw new EciException(action, null, EciErrorCodes.NetworkError, $"The request to {_options.StsEndpoint.Host} failed: {e.HttpRequestError}.", innerException: e);
        }

        using (response)
        {
            string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw EciClient.ParseError(action, response.StatusCode, body);
            }

            AssumeRoleAnswer? answer;
            try
            {
                answer = JsonSerializer.Deserialize<AssumeRoleAnswer>(body, EciJson.Options);
            }
            catch (JsonException e)
            {
                throw new EciException(action, (int)response.StatusCode, EciErrorCodes.MalformedResponse, "The STS answer is not JSON.", innerException: e);
            }

            var c = answer?.Credentials;
            if (c is null || string.IsNullOrEmpty(c.AccessKeyId) || string.IsNullOrEmpty(c.AccessKeySecret) || string.IsNullOrEmpty(c.SecurityToken))
            {
                throw new EciException(action, (int)response.StatusCode, EciErrorCodes.MalformedResponse, "The STS answer has no credentials.", answer?.RequestId);
            }

            ExchangeCount++;
            return new AlibabaCloudCredential(c.AccessKeyId, c.AccessKeySecret, c.SecurityToken, c.Expiration);
        }
    }

    private sealed record AssumeRoleAnswer(string? RequestId, StsCredentials? Credentials);

    private sealed record StsCredentials(string? AccessKeyId, string? AccessKeySecret, string? SecurityToken, DateTimeOffset? Expiration);
}
