using System.Net;
using ImageCacheFunctions.ImageCaches.Operations.Api;
using Microsoft.Azure.Functions.Worker.Http;

namespace ImageCacheFunctions.Functions.ImageCacheApi;

/// <summary>Writes an <see cref="ApiResult"/> as the HTTP response, and reads the query and headers the API needs.</summary>
internal static class ApiResponses
{
    public static async Task<HttpResponseData> ToResponseAsync(this HttpRequestData request, ApiResult result, CancellationToken cancellationToken)
    {
        var response = request.CreateResponse((HttpStatusCode)result.StatusCode);
        await response.WriteAsJsonAsync(result.Body, cancellationToken);
        return response;
    }

    /// <summary>Every value of a repeated query parameter (<c>?image=a&amp;image=b</c>).</summary>
    public static IReadOnlyList<string> QueryValues(this HttpRequestData request, string name) =>
        request.Query.GetValues(name) is { } values ? [.. values.Where(v => !string.IsNullOrWhiteSpace(v))] : [];

    public static string? ContentType(this HttpRequestData request) =>
        request.Headers.TryGetValues("Content-Type", out var values) ? values.FirstOrDefault() : null;
}
