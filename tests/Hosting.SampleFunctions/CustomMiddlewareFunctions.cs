using System.Net;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace ImageCacheFunctions.Hosting.SampleFunctions;

// Mirrors Microsoft's samples/CustomMiddleware: HttpFunction.cs, HttpTriggerWithMultipleOutputBindings.cs
// (an HttpResponseData property without [HttpResult] beside a queue output), and the middleware
// ExceptionHandlingMiddleware.cs, MyCustomMiddleware.cs and StampHttpHeaderMiddleware.cs below.
public static class CustomMiddlewareFunctions
{
    [Function("HttpFunction")]
    public static HttpResponseData HttpFunction([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = null)] HttpRequestData req, FunctionContext context)
    {
        if (req.Url.Query.Contains("throw-exception", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("App code failed");
        }

        var logger = context.GetLogger<HttpFunctionMarker>();
        if (context.Items.TryGetValue("middlewareitem", out var value) && value is string message)
        {
            logger.LogInformation("From middleware: {Message}", message);
        }

        var response = req.CreateResponse(HttpStatusCode.OK);
        context.Items.Add("functionitem", "Hello from function!");
        response.Headers.Add("Content-Type", "text/plain; charset=utf-8");
        response.WriteString("Welcome to .NET 6!!");
        return response;
    }

    [Function(nameof(HttpTriggerWithMultipleOutputBindings))]
    public static MiddlewareOutputType HttpTriggerWithMultipleOutputBindings([HttpTrigger(AuthorizationLevel.Anonymous, "get")] HttpRequestData req)
    {
        if (req.Url.Query.Contains("throw-exception", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("App code failed");
        }

        var response = req.CreateResponse(HttpStatusCode.OK);
        response.WriteString("Success!");
        return new MiddlewareOutputType { Name = "Azure Functions", HttpResponse = response };
    }
}

/// <summary>The log category of <see cref="CustomMiddlewareFunctions.HttpFunction"/>.</summary>
public sealed class HttpFunctionMarker;

public class MiddlewareOutputType
{
    [QueueOutput("functionstesting2", Connection = "AzureWebJobsStorage")]
    public string? Name { get; set; }

    public HttpResponseData? HttpResponse { get; set; }
}

internal sealed class ExceptionHandlingMiddleware(ILogger<ExceptionHandlingMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Error processing invocation");
            var httpReqData = await context.GetHttpRequestDataAsync();
            if (httpReqData != null)
            {
                var newHttpResponse = httpReqData.CreateResponse(HttpStatusCode.InternalServerError);
                // The sample passes newHttpResponse.StatusCode as well: an overload of Worker.Core 1.x,
                // gone in 2.x, where WriteAsJsonAsync leaves the status code alone.
                await newHttpResponse.WriteAsJsonAsync(new { FooStatus = "Invocation failed!" });
                var invocationResult = context.GetInvocationResult();
                var httpOutputBinding = context.GetOutputBindings<HttpResponseData>().FirstOrDefault(b => b.BindingType == "http" && b.Name != "$return");
                if (httpOutputBinding is not null)
                {
                    httpOutputBinding.Value = newHttpResponse;
                }
                else
                {
                    invocationResult.Value = newHttpResponse;
                }
            }
        }
    }
}

internal sealed class MyCustomMiddleware : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        context.Items.Add("middlewareitem", "Hello, from middleware");
        await next(context);
        if (context.Items.TryGetValue("functionitem", out var value) && value is string message)
        {
            context.GetLogger<MyCustomMiddleware>().LogInformation("From function: {Message}", message);
        }
    }
}

internal sealed class StampHttpHeaderMiddleware : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        var requestData = await context.GetHttpRequestDataAsync();
        var correlationId = requestData!.Headers.TryGetValues("x-correlationId", out var values) ? values.First() : Guid.NewGuid().ToString();
        await next(context);
        context.GetHttpResponseData()?.Headers.Add("x-correlationId", correlationId);
    }
}
