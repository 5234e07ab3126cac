using ImageCacheFunctions.ImageCaches.Operations.Api;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace ImageCacheFunctions.Functions.ImageCacheApi;

/// <summary>
/// <c>POST /match</c>: which cache a Pod, a workload's pod template (JSON or YAML) or an image
/// list would get, by the ECI documentation's ranking; the runner-up; the annotations in effect.
/// </summary>
public sealed class MatchFunction(CacheMatchService matching)
{
    [Function("match")]
    public async Task<HttpResponseData> Match(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "match")] HttpRequestData req,
        CancellationToken cancellationToken)
    {
        var body = await req.ReadAsStringAsync();
        var result = await matching.MatchAsync(body, req.ContentType(), req.QueryValues("image"), cancellationToken);
        return await req.ToResponseAsync(result, cancellationToken);
    }
}
