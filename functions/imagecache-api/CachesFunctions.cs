using ImageCacheFunctions.ImageCaches.Operations.Api;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace ImageCacheFunctions.Functions.ImageCacheApi;

/// <summary><c>GET /caches[?image=&amp;phase=]</c> and <c>GET /caches/{name}</c>: compact summaries for dashboards and scripts.</summary>
public sealed class CachesFunctions(CacheCatalog catalog)
{
    [Function("caches")]
    public async Task<HttpResponseData> List(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "caches")] HttpRequestData req,
        CancellationToken cancellationToken)
    {
        var result = await catalog.ListAsync(req.Query["image"], req.Query["phase"], cancellationToken);
        return await req.ToResponseAsync(result, cancellationToken);
    }

    [Function("cache")]
    public async Task<HttpResponseData> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "caches/{name}")] HttpRequestData req,
        string name,
        CancellationToken cancellationToken)
    {
        var result = await catalog.GetAsync(name, cancellationToken);
        return await req.ToResponseAsync(result, cancellationToken);
    }
}
