using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace OpenFaaS.Functions.Worker.Http;

/// <summary>
/// What Kestrel calls per request: an HttpContext over the connection's features, with
/// RequestServices scoped from the function host's container, and the middleware pipeline.
/// The part of ASP.NET Core's hosting layer this host needs, so that Kestrel runs inside the
/// function's own host rather than in a second one.
/// </summary>
internal sealed class FunctionsHttpApplication(RequestDelegate pipeline, DefaultHttpContextFactory contexts) : IHttpApplication<HttpContext>
{
    public HttpContext CreateContext(IFeatureCollection contextFeatures) => contexts.Create(contextFeatures);

    public Task ProcessRequestAsync(HttpContext context) => pipeline(context);

    // Kestrel answers 500 itself when the pipeline throws before the response started.
    public void DisposeContext(HttpContext context, Exception? exception) => contexts.Dispose(context);
}
