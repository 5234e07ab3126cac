using System.Diagnostics;
using System.Net;
using ImageCacheFunctions.LocalGateway.Functions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace ImageCacheFunctions.LocalGateway.Proxy;

/// <summary>
/// `/function/&lt;name&gt;[/…]` → the function's own process, streamed both ways by YARP's
/// forwarder. 404 for an unknown function, 503 while its process is (re)starting, 413 for a
/// body over the function's MAX_REQUEST_BODY_BYTES and 408 for one that stops arriving within
/// its read_timeout (<see cref="BodyLimits"/>), 502 when the process fails mid-request, 504 when
/// it does not answer in time.
/// </summary>
internal sealed partial class FunctionProxy : IDisposable
{
    public const string RoutePrefix = "/function";

    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    private readonly RunningFunctions _functions;
    private readonly IHttpForwarder _forwarder;
    private readonly TimeProvider _time;
    private readonly ILogger<FunctionProxy> _logger;
    private readonly Dictionary<string, ForwarderRequestConfig> _configs;
    private readonly Dictionary<string, BodyLimits> _bodyLimits;
    private readonly HttpMessageInvoker _client = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        ActivityHeadersPropagator = new ReverseProxyPropagator(DistributedContextPropagator.Current),
    });

    public FunctionProxy(RunningFunctions functions, IHttpForwarder forwarder, TimeProvider time, ILogger<FunctionProxy> logger)
    {
        _functions = functions;
        _forwarder = forwarder;
        _time = time;
        _logger = logger;
        _configs = functions.All.ToDictionary(
            f => f.Name,
            f => new ForwarderRequestConfig { ActivityTimeout = Timeout(f.Function.Environment) },
            StringComparer.Ordinal);
        _bodyLimits = functions.All.ToDictionary(f => f.Name, f => BodyLimits.Of(f.Function.Environment), StringComparer.Ordinal);
    }

    public async Task ForwardAsync(HttpContext context, string name)
    {
        ArgumentNullException.ThrowIfNull(context);
        var function = _functions.Find(name);
        if (function is null)
        {
            await WriteErrorAsync(context, StatusCodes.Status404NotFound, $"function not found: {name}").ConfigureAwait(false);
            return;
        }

        function.CountInvocation();
        var instance = function.Instance;
        if (instance is null)
        {
            await WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, $"function {function.Name} is not ready (starting or restarting)", retryAfterSeconds: 1).ConfigureAwait(false);
            return;
        }

        context.Request.Path.StartsWithSegments($"{RoutePrefix}/{name}", out var remaining);
        var callId = context.Request.Headers[FunctionTransformer.CallIdHeader].ToString();
        if (string.IsNullOrWhiteSpace(callId))
        {
            callId = Guid.NewGuid().ToString();
        }

        // The body is held to the function's own limits while it streams on (Kestrel stops it at the size).
        var limits = _bodyLimits[function.Name];
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limits.MaxBytes;
        }

        using var deadline = new CancellationTokenSource(limits.ReadTimeout, _time);
        context.Request.Body = new BodyDeadlineStream(context.Request.Body, deadline.Token, limits.ReadTimeout);

        var transformer = new FunctionTransformer(remaining, callId, _time.GetUtcNow(), _time);
        var error = await _forwarder.SendAsync(
            context, instance.BaseAddress.AbsoluteUri, _client, _configs[function.Name], transformer).ConfigureAwait(false);
        if (error == ForwarderError.None)
        {
            return;
        }

        var exception = context.Features.Get<IForwarderErrorFeature>()?.Exception;
        LogForwardError(function.Name, instance.Pid, error, exception?.Message);
        if (context.Response.HasStarted)
        {
            return;
        }

        if (error is ForwarderError.RequestBodyClient or ForwarderError.RequestBodyCanceled && BodyLimits.StatusOf(exception) is { } refused)
        {
            var reason = refused == StatusCodes.Status413PayloadTooLarge
                ? $"the request body is larger than {limits.MaxBytes} bytes (MAX_REQUEST_BODY_BYTES of {function.Name})"
                : $"the request body did not arrive within {limits.ReadTimeout.TotalSeconds:0.###} s (read_timeout of {function.Name})";
            await WriteErrorAsync(context, refused, reason, callId: callId).ConfigureAwait(false);
            return;
        }

        var status = error == ForwarderError.RequestTimedOut ? StatusCodes.Status504GatewayTimeout : StatusCodes.Status502BadGateway;
        await WriteErrorAsync(context, status, $"function {function.Name} failed to answer: {error}", callId: callId).ConfigureAwait(false);
    }

    public void Dispose() => _client.Dispose();

    private static Task WriteErrorAsync(HttpContext context, int status, string message, int? retryAfterSeconds = null, string? callId = null)
    {
        // Clear drops whatever a failed forward left, headers included: set ours after it.
        context.Response.Clear();
        context.Response.StatusCode = status;
        if (retryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (callId is not null)
        {
            context.Response.Headers[FunctionTransformer.CallIdHeader] = callId;
        }

        return context.Response.WriteAsJsonAsync(new GatewayError(message), context.RequestAborted);
    }

    // The watchdog's own limits (exec_timeout, write_timeout) bound a call; a little extra keeps its answer.
    private static TimeSpan Timeout(IReadOnlyDictionary<string, string> environment)
    {
        var longest = new[] { "exec_timeout", "write_timeout" }
            .Select(key => environment.TryGetValue(key, out var value) && GoDuration.TryParse(value, out var d) ? d : TimeSpan.Zero)
            .Max();
        return longest > TimeSpan.Zero ? longest + TimeSpan.FromSeconds(5) : DefaultTimeout;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function} (pid {Pid}): forwarding failed: {Error} {Detail}")]
    private partial void LogForwardError(string function, int pid, ForwarderError error, string? detail);
}
