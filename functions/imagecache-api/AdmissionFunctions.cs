using ImageCacheFunctions.ImageCaches.Operations.Api;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace ImageCacheFunctions.Functions.ImageCacheApi;

/// <summary>
/// The admission webhooks (AdmissionReview v1; deploy/admission.yaml). Anonymous: the API
/// server cannot send a function key (a webhook URL may carry no query and no custom header),
/// so these routes only read and answer, and trigger at most a reconcile that the cron pass
/// would do anyway. Put them behind the TLS ingress and restrict who reaches them (docs/api.md).
/// </summary>
public sealed class AdmissionFunctions(ImageCacheAdmission imageCaches, PodAdmission pods)
{
    [Function("admission-imagecaches")]
    public async Task<HttpResponseData> ImageCaches(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "admission/imagecaches")] HttpRequestData req,
        CancellationToken cancellationToken)
    {
        using var body = await AdmissionAnswers.ReadBodyAsync(req.Body, cancellationToken);
        var result = await imageCaches.ReviewAsync(body.Bytes, cancellationToken);
        return await req.ToResponseAsync(result, cancellationToken);
    }

    [Function("admission-pods")]
    public async Task<HttpResponseData> Pods(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "admission/pods")] HttpRequestData req,
        CancellationToken cancellationToken)
    {
        using var body = await AdmissionAnswers.ReadBodyAsync(req.Body, cancellationToken);
        var result = await pods.ReviewAsync(body.Bytes, cancellationToken);
        return await req.ToResponseAsync(result, cancellationToken);
    }
}
