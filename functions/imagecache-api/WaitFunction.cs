using ImageCacheFunctions.ImageCaches.Operations.Api;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace ImageCacheFunctions.Functions.ImageCacheApi;

/// <summary>
/// <c>GET /wait?image=&lt;ref&gt;[&amp;digest=sha256:…][&amp;timeout=2m]</c>: 200 once a Ready
/// cache holds the image (at the digest), 408 at the timeout. A gate for CI between push and deploy.
/// </summary>
public sealed class WaitFunction(ImageCacheWait wait)
{
    [Function("wait")]
    public async Task<HttpResponseData> Wait(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "wait")] HttpRequestData req,
        CancellationToken cancellationToken)
    {
        var result = await wait.WaitAsync(req.Query["image"], req.Query["digest"], req.Query["timeout"], cancellationToken);
        return await req.ToResponseAsync(result, cancellationToken);
    }
}
