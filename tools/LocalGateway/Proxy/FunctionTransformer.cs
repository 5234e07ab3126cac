using System.Globalization;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace ImageCacheFunctions.LocalGateway.Proxy;

/// <summary>
/// What the OpenFaaS gateway does to a request on its way to a function: strip
/// `/function/&lt;name&gt;` (the query string is kept), add X-Call-Id (unless the caller sent
/// one) and X-Start-Time (Unix nanoseconds), X-Forwarded-For/Host; the response carries
/// the X-Call-Id and X-Duration-Seconds.
/// </summary>
internal sealed class FunctionTransformer(PathString remainingPath, string callId, DateTimeOffset start, TimeProvider time)
    : HttpTransformer
{
    public const string CallIdHeader = "X-Call-Id";
    public const string StartTimeHeader = "X-Start-Time";
    public const string DurationHeader = "X-Duration-Seconds";

    public override async ValueTask TransformRequestAsync(
        HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(proxyRequest);
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken).ConfigureAwait(false);

        var path = remainingPath.HasValue ? remainingPath : new PathString("/");
        proxyRequest.RequestUri = RequestUtilities.MakeDestinationAddress(destinationPrefix, path, httpContext.Request.QueryString);
        proxyRequest.Headers.Host = null;

        proxyRequest.Headers.Remove(CallIdHeader);
        proxyRequest.Headers.TryAddWithoutValidation(CallIdHeader, callId);
        proxyRequest.Headers.Remove(StartTimeHeader);
        var nanoseconds = (start - DateTimeOffset.UnixEpoch).Ticks * 100;
        proxyRequest.Headers.TryAddWithoutValidation(StartTimeHeader, nanoseconds.ToString(CultureInfo.InvariantCulture));

        var client = httpContext.Connection.RemoteIpAddress?.ToString();
        if (client is not null)
        {
            var existing = httpContext.Request.Headers["X-Forwarded-For"].ToString();
            proxyRequest.Headers.Remove("X-Forwarded-For");
            proxyRequest.Headers.TryAddWithoutValidation("X-Forwarded-For", string.IsNullOrEmpty(existing) ? client : $"{existing}, {client}");
        }

        if (!httpContext.Request.Headers.ContainsKey("X-Forwarded-Host"))
        {
            proxyRequest.Headers.TryAddWithoutValidation("X-Forwarded-Host", httpContext.Request.Host.Value);
        }
    }

    public override async ValueTask<bool> TransformResponseAsync(
        HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var copy = await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken).ConfigureAwait(false);
        httpContext.Response.Headers[CallIdHeader] = callId;
        httpContext.Response.Headers[DurationHeader] =
            (time.GetUtcNow() - start).TotalSeconds.ToString("F6", CultureInfo.InvariantCulture);
        return copy;
    }
}
