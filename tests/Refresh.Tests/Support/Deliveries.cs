using System.Net;
using ImageCacheFunctions.ImageCaches.Answers;
using ImageCacheFunctions.ImageCaches.Operations.Refresh;
using ImageCacheFunctions.Tests.Support;

namespace ImageCacheFunctions.Refresh.Tests.Support;

/// <summary>Deliveries to the registry-webhook process, as each sender posts them.</summary>
public static class Deliveries
{
    /// <summary>Posts a delivery as <paramref name="source"/> would (credentials, content type).</summary>
    public static async Task<(HttpStatusCode Status, WebhookSummary? Summary, HttpResponseMessage Response)> PostAsync(this FunctionProcess function, string source, byte[] body, bool forged = false)
    {
        var (query, headers) = Senders.Credentials(source, body, forged);
        var uri = new Uri(function.BaseAddress, "?" + string.Join('&', query.Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value)}")));
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", WebhookHarness.ContentTypeOf(source));
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var response = await function.Client.SendAsync(request).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        var summary = text.StartsWith('{') ? System.Text.Json.JsonSerializer.Deserialize<WebhookSummary>(text, AnswerJson.Options) : null;
        return (response.StatusCode, summary, response);
    }
}
