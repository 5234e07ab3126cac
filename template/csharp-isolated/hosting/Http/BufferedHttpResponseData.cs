using System.Net;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace OpenFaaS.Functions.Worker.Http;

/// <summary>
/// <see cref="HttpResponseData"/> that collects status, headers, cookies and body in memory;
/// the host writes it to the ASP.NET Core response when the function returns it.
/// </summary>
internal sealed class BufferedHttpResponseData(FunctionContext functionContext) : HttpResponseData(functionContext)
{
    public override HttpStatusCode StatusCode { get; set; } = HttpStatusCode.OK;

    public override HttpHeadersCollection Headers { get; set; } = [];

    public override Stream Body { get; set; } = new MemoryStream();

    public override HttpCookies Cookies { get; } = new ResponseCookies();
}
