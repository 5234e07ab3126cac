using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace OpenFaaS.Functions.Worker.Http;

/// <summary>
/// <see cref="HttpRequestData"/> over an ASP.NET Core request. The body is buffered (within the
/// size limit) so that the synchronous helpers of the worker model (ReadAsString) work.
/// </summary>
internal sealed class KestrelHttpRequestData(
    FunctionContext functionContext,
    HttpRequest request,
    Stream body,
    IReadOnlyList<ClaimsIdentity> identities) : HttpRequestData(functionContext)
{
    private HttpHeadersCollection? _headers;
    private IReadOnlyCollection<IHttpCookie>? _cookies;
    private Uri? _url;

    public override Stream Body { get; } = body;

    public override HttpHeadersCollection Headers => _headers ??= new HttpHeadersCollection(
        request.Headers.Select(h => new KeyValuePair<string, IEnumerable<string>>(h.Key, h.Value.Select(v => v ?? string.Empty))));

    public override IReadOnlyCollection<IHttpCookie> Cookies => _cookies ??=
        [.. request.Cookies.Select(c => (IHttpCookie)new HttpCookie(c.Key, c.Value))];

    public override Uri Url => _url ??= new Uri(request.GetEncodedUrl());

    public override IEnumerable<ClaimsIdentity> Identities => identities;

    public override string Method => request.Method;

    public override HttpResponseData CreateResponse() => new BufferedHttpResponseData(FunctionContext);
}
