using ImageCacheFunctions.ImageCaches.Answers;
using ImageCacheFunctions.ImageCaches.Operations.Refresh;
using ImageCacheFunctions.ImageCaches.Registries;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace ImageCacheFunctions.Functions.RegistryWebhook;

/// <summary>
/// Receives registry push notifications (<c>POST /</c>) and the CloudEvents webhook handshake
/// (<c>OPTIONS /</c>). Anonymous at the host: each source is authenticated by its own secret
/// (signature, header or URL token). The work is <see cref="RegistryWebhookProcessor"/>'s; this
/// copies the request in and the answer out.
/// </summary>
public sealed class RefreshFunction(RegistryWebhookProcessor processor)
{
    [Function("registry-webhook")]
    public async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", "options")] HttpRequestData req,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        using var body = await RequestBody.ReadAsync(req.Body, processor.MaxBodyBytes, cancellationToken);
        var query = req.Query.AllKeys
            .Where(key => key is not null)
            .Select(key => new KeyValuePair<string, string>(key!, req.Query.GetValues(key)?.FirstOrDefault() ?? string.Empty));
        // Raw values: HMAC and static-header checks compare exactly what the sender sent.
        var headers = req.Headers.NonValidated.SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v)));
        var request = WebhookRequest.Create(req.Method, query, headers, body.Bytes);

        var answer = await processor.ProcessAsync(request, cancellationToken);
        var response = req.CreateResponse((System.Net.HttpStatusCode)answer.StatusCode);
        // WriteAsJsonAsync sets Content-Type itself (a second one is an error, answered 500).
        foreach (var (name, value) in answer.Headers.Where(h => !h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)))
        {
            response.Headers.Add(name, value);
        }

        await response.WriteAsJsonAsync(answer.Body, cancellationToken);
        return response;
    }
}
