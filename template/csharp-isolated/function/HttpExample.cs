using System.Net;
using System.Text.Json.Serialization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Logging;

namespace Function;

public class HttpExample(ILogger<HttpExample> logger)
{
    [Function("HttpExample")]
    public async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post")] HttpRequestData req,
        CancellationToken cancellationToken)
    {
        logger.LogInformation("C# HTTP trigger function processed a request.");

        var response = req.CreateResponse(HttpStatusCode.OK);
        await response.WriteAsJsonAsync(new Greeting("Welcome to Azure Functions on OpenFaaS!"), cancellationToken);
        return response;
    }
}

public sealed record Greeting([property: JsonPropertyName("message")] string Message);

// The types this function writes as JSON, for a NativeAOT build (`--build-arg AOT=true`), where
// JSON has no reflection: the host adds every JsonSerializerContext of the project to the
// worker's serializer. Under JIT (the default, and on Azure) reflection serves them anyway.
[JsonSerializable(typeof(Greeting))]
internal sealed partial class HttpExampleJson : JsonSerializerContext;
