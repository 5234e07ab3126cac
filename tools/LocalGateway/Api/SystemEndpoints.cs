using ImageCacheFunctions.LocalGateway.Functions;
using ImageCacheFunctions.LocalGateway.Proxy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ImageCacheFunctions.LocalGateway.Api;

/// <summary>The OpenFaaS gateway's read-only system API for the running functions, and the proxy routes.</summary>
internal static class SystemEndpoints
{
    public static void MapGateway(this IEndpointRouteBuilder app, DateTimeOffset createdAt)
    {
        app.MapGet("/healthz", () => Results.Text("OK"));

        app.MapGet("/system/functions", (RunningFunctions functions) =>
            Results.Json(functions.All.Select(f => Status(f, createdAt)).ToList()));

        app.MapGet("/system/function/{name}", (string name, RunningFunctions functions) =>
            functions.Find(name) is { } function
                ? Results.Json(Status(function, createdAt))
                : Results.Json(new GatewayError($"function not found: {name}"), statusCode: StatusCodes.Status404NotFound));

        app.Map($"{FunctionProxy.RoutePrefix}/{{name}}", (HttpContext context, string name, FunctionProxy proxy) => proxy.ForwardAsync(context, name));
        app.Map($"{FunctionProxy.RoutePrefix}/{{name}}/{{**rest}}", (HttpContext context, string name, FunctionProxy proxy) => proxy.ForwardAsync(context, name));
    }

    private static FunctionStatus Status(FunctionSupervisor function, DateTimeOffset createdAt)
    {
        var instance = function.Instance;
        return new FunctionStatus(
            function.Name,
            function.Function.Image,
            RunningFunctions.Namespace,
            function.InvocationCount,
            Replicas: 1,
            AvailableReplicas: instance is null ? 0 : 1,
            function.Command,
            function.Function.Labels,
            function.Function.Annotations,
            function.Function.Secrets,
            instance?.StartedAt ?? createdAt);
    }
}
