using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImageCacheFunctions.Tests.Support;

/// <summary>
/// A loopback HTTP endpoint (port 0) that records the CloudEvents POSTed to it and answers
/// with a fixed status: the sink the functions are pointed at in tests. Its URL carries a
/// token in the path, as real sinks' URLs often do.
/// </summary>
public sealed class CloudEventsSink : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<(string ContentType, byte[] Body)> _received = [];
    private bool _stopped;

    private CloudEventsSink(HttpStatusCode answer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/events/{token}/", async (HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer).ConfigureAwait(false);
            lock (_received)
            {
                _received.Add((context.Request.ContentType ?? "", buffer.ToArray()));
            }

            context.Response.StatusCode = (int)answer;
        });
    }

    public Uri Url { get; private set; } = null!;

    public IReadOnlyList<(string ContentType, byte[] Body)> Received
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    public static async Task<CloudEventsSink> StartAsync(HttpStatusCode answer)
    {
        var sink = new CloudEventsSink(answer);
        await sink._app.StartAsync().ConfigureAwait(false);
        var address = sink._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        sink.Url = new Uri(address.TrimEnd('/') + "/events/token-in-path/");
        return sink;
    }

    /// <summary>Stops listening: the port then refuses connections (a sink that is down).</summary>
    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _app.StopAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
