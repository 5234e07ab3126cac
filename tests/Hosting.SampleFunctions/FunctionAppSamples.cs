using System.Diagnostics;
using System.Net;
using System.Text.Json.Serialization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Logging;

namespace ImageCacheFunctions.Hosting.SampleFunctions;

// Mirrors Microsoft's samples/FunctionApp (HttpTriggerSimple/HttpTriggerSimple.cs: [FromBody] POCO,
// response headers, LogMetric; QueueTrigger/QueueTrigger.cs: a trigger with no OpenFaaS
// counterpart) and samples/Configuration/HttpFunction.cs (a POCO result in the default JSON).
public static class FunctionAppSamples
{
    [Function(nameof(HttpTriggerSimple))]
    public static HttpResponseData HttpTriggerSimple(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = null)] HttpRequestData req,
        [FromBody] MyPoco myPoco,
        FunctionContext executionContext)
    {
        var sw = Stopwatch.StartNew();
        var logger = executionContext.GetLogger("FunctionApp.HttpTriggerSimple");
        logger.LogInformation("Message logged");
        var response = req.CreateResponse(HttpStatusCode.OK);
        response.Headers.Add("Date", "Mon, 18 Jul 2016 16:06:00 GMT");
        response.Headers.Add("Content-Type", "text/html; charset=utf-8");
        response.WriteString($"Hello {myPoco?.Name ?? "world"}!");
        logger.LogMetric("funcExecutionTimeMs", sw.Elapsed.TotalMilliseconds, new Dictionary<string, object> { { "foo", "bar" }, { "baz", 42 } });
        return response;
    }

    [Function("QueueTrigger")]
    public static void QueueTrigger([QueueTrigger("functionstesting2", Connection = "AzureWebJobsStorage")] MyPoco myQueueItem, FunctionContext context) =>
        context.GetLogger("QueueTrigger").LogInformation("Did something");

    [Function("ConfigurationHttpFunction")]
    public static ConfigurationType ConfigurationHttpFunction([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = null)] HttpRequestData req) => new()
    {
        camelCasePropertyName = "value",
        PascalCasePropertyName = "value",
        NullValue = null,
        DifferentSerializedName = "value",
    };
}

public class MyPoco
{
    public string? Name { get; set; }
}

#pragma warning disable IDE1006, CA1707 // The sample's names, on purpose: they show how JSON names come out.
public class ConfigurationType
{
    public string? camelCasePropertyName { get; set; }

    public string? PascalCasePropertyName { get; set; }

    public string? NullValue { get; set; }

    [JsonPropertyName("Changed_Via_System_Text_Json")]
    public string? DifferentSerializedName { get; set; }
}
#pragma warning restore IDE1006, CA1707
