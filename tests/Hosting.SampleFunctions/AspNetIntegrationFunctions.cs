using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Logging;
using FromBodyAttribute = Microsoft.Azure.Functions.Worker.Http.FromBodyAttribute;

namespace ImageCacheFunctions.Hosting.SampleFunctions;

// Mirrors Microsoft's samples/AspNetIntegration (SimpleHttpTrigger/SimpleHttpTrigger.cs,
// BodyBindingHttpTrigger.cs, MultipleOutputBindings.cs) and samples/Net9FunctionApp/HelloHttp.cs:
// the ASP.NET Core integration model (HttpRequest in, IActionResult/IResult out).
public class AspNetIntegrationFunctions(ILogger<AspNetIntegrationFunctions> logger)
{
    [Function("SimpleHttpTrigger")]
    public IActionResult Simple([HttpTrigger(AuthorizationLevel.Anonymous, "get")] HttpRequest req) =>
        new OkObjectResult("Welcome to Azure Functions!");

    [Function("SimpleHttpTriggerHttpData")]
    public async Task<HttpResponseData> SimpleHttpData([HttpTrigger(AuthorizationLevel.Anonymous, "get")] HttpRequestData req)
    {
        var response = req.CreateResponse();
        await response.WriteStringAsync("Welcome to Azure Functions (HttpData)");
        return response;
    }

    [Function(nameof(BodyBindingHttpTrigger))]
    public IActionResult BodyBindingHttpTrigger([HttpTrigger(AuthorizationLevel.Anonymous, "post")] HttpRequest req, [FromBody] Person person) =>
        new OkObjectResult(person);

    [Function("MultipleOutputBindings")]
    public AspNetOutputType MultipleOutputBindings([HttpTrigger(AuthorizationLevel.Anonymous, "post")] HttpRequest req)
    {
        logger.LogInformation("C# HTTP trigger function processed a request.");
        return new AspNetOutputType { Result = new OkObjectResult("C# HTTP trigger function processed a request."), MessageText = "some output" };
    }

    // IResult (minimal API results) and HttpContext from FunctionContext.GetHttpContext(), with
    // the route the RoutingMiddleware (mirror of samples/AspNetIntegration/RoutingMiddleware.cs) saw.
    [Function("MinimalResult")]
    public IResult Minimal([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "minimal/{id:int}")] HttpRequest req, int id, FunctionContext context) =>
        Results.Json(new { id, route = context.Items.TryGetValue(RoutingMiddleware.RouteKey, out var route) ? route : null, sameContext = ReferenceEquals(context.GetHttpContext()?.Request, req) }, statusCode: 201);
}

public record Person(string Name, int Age);

public class AspNetOutputType
{
    [HttpResult]
    public IActionResult? Result { get; set; }

    [QueueOutput("myQueue")]
    public string? MessageText { get; set; }
}
