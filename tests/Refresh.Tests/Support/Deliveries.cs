using System.Net;
using ImageCacheFunctions.ImageCaches.Answers;
using ImageCacheFunctions.ImageCaches.Operations.Refresh;
using ImageCacheFunctions.Tests.Support;

namespace ImageCacheFunctions.Refresh.Tests.Support;

/// <summary>Deliveries to registry-webhook, as each sender posts them.</summary>
public static class Deliveries
{
    /// <summary>What <paramref name="source"/> sends along with <paramref name="body"/>: its credentials, <c>?source=</c> and the vendor's own event headers.</summary>
    public static (Dictionary<string, string> Query, Dictionary<string, string> Headers) Request(string source, byte[] body, bool forged = false)
    {
        var (query, headers) = Senders.Credentials(source, body, forged);
        query["source"] = source;
        switch (source)
        {
            case "eventgrid":
                headers["aeg-event-type"] = "Notification";
                break;
            case "ghcr":
                headers["X-GitHub-Event"] = "package";
                break;
        }

        return (query, headers);
    }

    /// <summary>Posts a delivery as <paramref name="source"/> would (credentials, content type).</summary>
    public static async Task<(HttpStatusCode Status, WebhookSummary? Summary, HttpResponseMessage Response)> PostAsync(this FunctionProcess function, string source, byte[] body, bool forged = false)
    {
        var (query, headers) = Request(source, body, forged);
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
