using ImageCacheFunctions.ImageCaches.Registries;
using ImageCacheFunctions.Registries.Tests.Support;

namespace ImageCacheFunctions.Registries.Tests;

/// <summary>The CloudEvents webhook OPTIONS handshake (abuse protection).</summary>
public sealed class HandshakeTests : IDisposable
{
    private readonly TestSources sources = new();

    public void Dispose() => sources.Dispose();

    private WebhookOutcome Options(Dictionary<string, string> headers, Dictionary<string, string>? query = null) =>
        sources.Receiver.Receive(WebhookRequest.Create("OPTIONS", query, headers, ReadOnlyMemory<byte>.Empty));

    [Fact]
    public void Allowed_origin_is_granted_with_the_requested_rate_capped()
    {
        var outcome = Options(new() { ["WebHook-Request-Origin"] = "ce.example.com", ["WebHook-Request-Rate"] = "500" });

        Assert.Equal(WebhookOutcomeKind.Handshake, outcome.Kind);
        Assert.Equal(200, outcome.StatusCode);
        Assert.Equal("ce.example.com", outcome.ResponseHeaders["WebHook-Allowed-Origin"]);
        Assert.Equal("120", outcome.ResponseHeaders["WebHook-Allowed-Rate"]);
        Assert.Equal("POST", outcome.ResponseHeaders["Allow"]);
    }

    [Fact]
    public void Event_grid_origin_is_granted_any_rate_when_none_is_configured()
    {
        var outcome = Options(new() { ["webhook-request-origin"] = "eventgrid.azure.net" }, new() { ["source"] = "eventgrid" });

        Assert.Equal(200, outcome.StatusCode);
        Assert.Equal("eventgrid.azure.net", outcome.ResponseHeaders["WebHook-Allowed-Origin"]);
        Assert.Equal("*", outcome.ResponseHeaders["WebHook-Allowed-Rate"]);
    }

    [Fact]
    public void Other_origins_get_403_without_grant_headers()
    {
        var outcome = Options(new() { ["WebHook-Request-Origin"] = "evil.example.net" });
        var wrongSource = Options(new() { ["WebHook-Request-Origin"] = "ce.example.com" }, new() { ["source"] = "eventgrid" });

        foreach (var refused in new[] { outcome, wrongSource })
        {
            Assert.Equal(403, refused.StatusCode);
            Assert.False(refused.ResponseHeaders.ContainsKey("WebHook-Allowed-Origin"));
            Assert.False(refused.ResponseHeaders.ContainsKey("WebHook-Allowed-Rate"));
        }
    }

    [Fact]
    public void Options_without_an_origin_is_400()
    {
        Assert.Equal(400, Options([]).StatusCode);
    }
}
