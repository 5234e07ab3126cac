using System.Net;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Logging;

namespace ImageCacheFunctions.Hosting.SampleFunctions;

/// <summary>An instance function class: its constructor gets services registered in Program.cs.</summary>
public class SampleHttpFunctions(IGreeter greeter, RunLedger ledger, ILogger<SampleHttpFunctions> logger)
{
    [Function("greet")]
    public async Task<HttpResponseData> Greet(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "greet/{name}")] HttpRequestData req,
        string name,
        FunctionContext context)
    {
        logger.LogInformation("Greeting {Name}", name);
        var response = req.CreateResponse(HttpStatusCode.OK);
        await response.WriteAsJsonAsync(new
        {
            Greeting = greeter.Greet(name),
            FromBindingData = context.BindingContext.BindingData["name"],
            Stamp = context.Items.TryGetValue("stamp", out var stamp) ? stamp : null,
        });
        return response;
    }

    [Function("item")]
    public static async Task<HttpResponseData> Item(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "items/{id:int}")] HttpRequestData req,
        int id,
        int count = 1)
    {
        var response = req.CreateResponse(HttpStatusCode.OK);
        await response.WriteAsJsonAsync(new { Id = id, Count = count });
        return response;
    }

    [Function("orders")]
    public static async Task<HttpResponseData> Orders(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "orders")] HttpRequestData req,
        CancellationToken cancellationToken)
    {
        var order = await req.ReadFromJsonAsync<Order>(cancellationToken);
        if (order is null)
        {
            return req.CreateResponse(HttpStatusCode.BadRequest);
        }

        var response = req.CreateResponse(HttpStatusCode.Created);
        await response.WriteAsJsonAsync(order with { Total = order.Quantity * order.UnitPrice }, cancellationToken);
        return response;
    }

    [Function("review")]
    public static async Task<HttpResponseData> Review(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "reviews")] HttpRequestData req,
        [FromBody] Review review)
    {
        var response = req.CreateResponse(HttpStatusCode.OK);
        await response.WriteAsJsonAsync(new { review.Stars, Verdict = review.Stars >= 4 ? "good" : "meh" });
        return response;
    }

    [Function("admin")]
    public static HttpResponseData Admin([HttpTrigger(AuthorizationLevel.Admin, "get", Route = "admin")] HttpRequestData req)
    {
        var response = req.CreateResponse(HttpStatusCode.OK);
        response.WriteString("admin");
        return response;
    }

    [Function("echo")]
    public static async Task<HttpResponseData> Echo([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "echo")] HttpRequestData req)
    {
        var body = await req.ReadAsStringAsync() ?? string.Empty;
        var response = req.CreateResponse(HttpStatusCode.OK);
        await response.WriteStringAsync(body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return response;
    }

    [Function("boom")]
    public static HttpResponseData Boom([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "boom")] HttpRequestData req) =>
        throw new InvalidOperationException("database password is hunter2");

    [Function("ledger")]
    public async Task<HttpResponseData> Ledger([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ledger")] HttpRequestData req)
    {
        var response = req.CreateResponse(HttpStatusCode.OK);
        await response.WriteAsJsonAsync(ledger.Runs);
        return response;
    }
}

public sealed record Review(int Stars, string? Text);

public sealed record Order(string Sku, int Quantity, decimal UnitPrice, decimal Total = 0);
