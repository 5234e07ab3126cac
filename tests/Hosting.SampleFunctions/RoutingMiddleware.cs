using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace ImageCacheFunctions.Hosting.SampleFunctions;

// Mirrors Microsoft's samples/AspNetIntegration/RoutingMiddleware.cs: the HttpContext and its
// RouteEndpoint from middleware; keeps the route pattern so that a function can show it.
internal sealed class RoutingMiddleware : IFunctionsWorkerMiddleware
{
    public const string RouteKey = "routePattern";

    public Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        var httpContext = context.GetHttpContext()
            ?? throw new InvalidOperationException($"{nameof(context)} has no http context associated with it.");
        if (httpContext.GetEndpoint() is RouteEndpoint endpoint)
        {
            context.Items[RouteKey] = $"{string.Join(',', (endpoint.Metadata.Single(b => b is HttpMethodMetadata) as HttpMethodMetadata)!.HttpMethods)} {endpoint.RoutePattern.RawText} {endpoint.DisplayName}";
        }

        return next(context);
    }
}
