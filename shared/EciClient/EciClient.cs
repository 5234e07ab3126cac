using System.Net;
using System.Text.Json;
using ImageCacheFunctions.Eci.Credentials;
using ImageCacheFunctions.Eci.Errors;
using ImageCacheFunctions.Eci.Models;
using ImageCacheFunctions.Eci.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace ImageCacheFunctions.Eci;

/// <summary>
/// ECI image-cache client: signs every attempt afresh (new nonce and timestamp), applies a
/// per-attempt and a total timeout, and retries transient errors with exponential backoff and
/// jitter — Describe always, Create/Update/Delete only when they carry a ClientToken.
/// </summary>
public sealed partial class EciClient : IEciClient, IDisposable
{
    /// <summary>The ECI API version.</summary>
    public const string ApiVersion = "2018-08-08";

    /// <summary>Name of the HttpClient registered by <c>AddEciClient</c>.</summary>
    public const string HttpClientName = "ImageCacheFunctions.Eci";

    private readonly EciClientOptions _options;
    private readonly ICredentialProvider _credentials;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Uri _endpoint;
    private readonly ResiliencePipeline _idempotent;
    private readonly ResiliencePipeline _singleAttempt;

    /// <summary>Creates a client.</summary>
    /// <param name="options">Settings; validated here (an <see cref="Microsoft.Extensions.Options.OptionsValidationException"/> lists every problem).</param>
    /// <param name="credentials">Where credentials come from; the default chain (environment, OpenFaaS secret files, RRSA) when null.</param>
    /// <param name="httpClient">The HttpClient to send with (not disposed by this client); a private one when null.</param>
    /// <param name="timeProvider">Clock for request timestamps; the system clock when null.</param>
    /// <param name="logger">Logger; no logging when null. Parameters and secrets are never logged.</param>
    public EciClient(
        EciClientOptions options,
        ICredentialProvider? credentials = null,
        HttpClient? httpClient = null,
        TimeProvider? timeProvider = null,
        ILogger<EciClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        EciClientOptionsValidator.ThrowIfInvalid(options);
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _credentials = credentials ?? CredentialChain.CreateDefault(new CredentialChainOptions(), timeProvider: _time);
        _endpoint = options.ResolveEndpoint();
        if (httpClient is null)
        {
            // Timeouts are the resilience pipeline's job; connections are recycled so DNS changes are seen.
            _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = Timeout.InfiniteTimeSpan };
            _ownsHttp = true;
        }
        else
        {
            _http = httpClient;
        }

        _idempotent = BuildPipeline(retry: true);
        _singleAttempt = BuildPipeline(retry: false);
    }

    /// <summary>The endpoint requests go to.</summary>
    public Uri Endpoint => _endpoint;

    /// <inheritdoc />
    public Task<CreateImageCacheResponse> CreateImageCacheAsync(CreateImageCacheRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendAsync<CreateImageCacheResponse>("CreateImageCache", request.ToParameters(_options.RegionId), !string.IsNullOrEmpty(request.ClientToken), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<DescribeImageCachesResponse> DescribeImageCachesAsync(DescribeImageCachesRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var page = await SendAsync<DescribeImageCachesResponse>("DescribeImageCaches", request.ToParameters(_options.RegionId), true, cancellationToken).ConfigureAwait(false);

        // A page without caches may omit the array altogether.
        return page.ImageCaches is null ? page with { ImageCaches = [] } : page;
    }

    /// <inheritdoc />
    public Task<UpdateImageCacheResponse> UpdateImageCacheAsync(UpdateImageCacheRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendAsync<UpdateImageCacheResponse>("UpdateImageCache", request.ToParameters(_options.RegionId), !string.IsNullOrEmpty(request.ClientToken), cancellationToken);
    }

    /// <inheritdoc />
    public Task<DeleteImageCacheResponse> DeleteImageCacheAsync(DeleteImageCacheRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendAsync<DeleteImageCacheResponse>("DeleteImageCache", request.ToParameters(_options.RegionId), !string.IsNullOrEmpty(request.ClientToken), cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private ResiliencePipeline BuildPipeline(bool retry)
    {
        var builder = new ResiliencePipelineBuilder().AddTimeout(_options.TotalTimeout);
        if (retry && _options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder()
                    .Handle<EciException>(e => e.IsRetryable)
                    .Handle<TimeoutRejectedException>(),
                MaxRetryAttempts = _options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.RetryBaseDelay,
                MaxDelay = TimeSpan.FromSeconds(30),
                OnRetry = args =>
                {
                    EciMetrics.Retried(args.Context.OperationKey ?? "unknown");
                    LogRetry(_logger, args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Exception is EciException e ? e.Code : EciErrorCodes.RequestTimeout);
                    return default;
                },
            });
        }

        return builder.AddTimeout(_options.AttemptTimeout).Build();
    }

    private async Task<T> SendAsync<T>(string action, RpcParameters parameters, bool idempotent, CancellationToken cancellationToken)
    {
        var pipeline = idempotent ? _idempotent : _singleAttempt;
        // The operation key carries the action to OnRetry (for its metric).
        var context = ResilienceContextPool.Shared.Get(action, cancellationToken);
        try
        {
            return await pipeline.ExecuteAsync(
                static async (context, state) => await state.Client.SendOnceAsync<T>(state.Action, state.Parameters, context.CancellationToken).ConfigureAwait(false),
                context,
                (Client: this, Action: action, Parameters: parameters)).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException timeout) when (!cancellationToken.IsCancellationRequested)
        {
            throw new EciException(action, null, EciErrorCodes.RequestTimeout, $"No answer within {timeout.Timeout.TotalSeconds:0.###} s.", innerException: timeout);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async Task<T> SendOnceAsync<T>(string action, RpcParameters parameters, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var outcome = "timeout";
        try
        {
            var result = await AttemptAsync<T>(action, parameters, cancellationToken).ConfigureAwait(false);
            outcome = "ok";
            return result;
        }
        catch (EciException e)
        {
            outcome = EciMetrics.OutcomeOf(e);
            throw;
        }
        finally
        {
            // A cancellation (the attempt timeout or the caller) leaves "timeout".
            EciMetrics.Attempted(action, outcome, _time.GetElapsedTime(started));
        }
    }

    private async Task<T> AttemptAsync<T>(string action, RpcParameters parameters, CancellationToken cancellationToken)
    {
        var credential = await _credentials.GetCredentialAsync(cancellationToken).ConfigureAwait(false);
        string nonce = Guid.NewGuid().ToString("N");
        using var request = RpcRequestFactory.Create(_endpoint, _options.SignatureMethod, action, ApiVersion, parameters, credential, _time.GetUtcNow(), nonce);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new EciException(action, null, EciErrorCodes.NetworkError, $"The request to {_endpoint.Host} failed: {e.HttpRequestError}.", innerException: e);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var error = ParseError(action, response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
                LogFailure(_logger, action, (int)response.StatusCode, error.Code, error.RequestId);
                throw error;
            }

            try
            {
                // Parsed from the buffered bytes: a Describe page is read once, not also copied into a string.
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                var result = await JsonSerializer.DeserializeAsync<T>(body, EciJson.Options, cancellationToken).ConfigureAwait(false)
                    ?? throw new JsonException("The answer was empty.");
                LogSuccess(_logger, action, (int)response.StatusCode);
                return result;
            }
            catch (JsonException e)
            {
                throw new EciException(action, (int)response.StatusCode, EciErrorCodes.MalformedResponse, $"The answer is not the documented JSON: {e.Message}", innerException: e);
            }
        }
    }

    internal static EciException ParseError(string action, HttpStatusCode status, string body)
    {
        EciErrorBody? error = null;
        try
        {
            error = JsonSerializer.Deserialize<EciErrorBody>(body, EciJson.Options);
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, say): fall through to the status-only error.
        }

        return new EciException(
            action,
            (int)status,
            string.IsNullOrEmpty(error?.Code) ? $"Http{(int)status}" : error.Code,
            error?.Message ?? $"HTTP {(int)status} {status} without an ECI error body.",
            error?.RequestId,
            error?.HostId,
            error?.Recommend);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "ECI {Action} answered {StatusCode}")]
    private static partial void LogSuccess(ILogger logger, string action, int statusCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "ECI {Action} failed with HTTP {StatusCode} {Code} (RequestId {RequestId})")]
    private static partial void LogFailure(ILogger logger, string action, int statusCode, string code, string? requestId);

    [LoggerMessage(Level = LogLevel.Information, Message = "ECI call retry {Attempt} in {Delay} after {Code}")]
    private static partial void LogRetry(ILogger logger, int attempt, TimeSpan delay, string code);
}
