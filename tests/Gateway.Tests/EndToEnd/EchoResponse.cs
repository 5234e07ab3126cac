using System.Text.Json;

namespace ImageCacheFunctions.LocalGateway.Tests.EndToEnd;

/// <summary>What EchoFunction reports it received.</summary>
internal sealed record EchoResponse(
    int Pid,
    string Method,
    string Path,
    string Query,
    string Body,
    Dictionary<string, string> Headers,
    Dictionary<string, string?> Environment)
{
    public static async Task<EchoResponse> ReadAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<EchoResponse>(text, JsonSerializerOptions.Web)!;
    }

    public string Header(string name) =>
        Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
