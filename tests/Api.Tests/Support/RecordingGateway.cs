using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ImageCacheFunctions.Api.Tests.Support;

/// <summary>
/// A loopback HTTP server standing in for the OpenFaaS gateway in front of reconcile-status:
/// it records each call (path, query, function key) and answers 200.
/// </summary>
internal sealed class RecordingGateway : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<RecordedCall> _calls = Channel.CreateUnbounded<RecordedCall>();

    private RecordingGateway(WebApplication app) => _app = app;

    public Uri BaseUri { get; private set; } = null!;

    public static async Task<RecordingGateway> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var gateway = new RecordingGateway(app);
        app.Run(async http =>
        {
            gateway._calls.Writer.TryWrite(new RecordedCall(
                http.Request.Method,
                http.Request.Path.Value ?? "",
                http.Request.Query["name"].ToString(),
                http.Request.Headers["x-functions-key"].ToString()));
            http.Response.StatusCode = StatusCodes.Status200OK;
            await http.Response.WriteAsync("{}");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        gateway.BaseUri = new Uri(address.TrimEnd('/') + "/");
        return gateway;
    }

    /// <summary>The next call (waits for it; fails the test if none comes within a minute).</summary>
    public async Task<RecordedCall> NextCallAsync() => await _calls.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromMinutes(1));

    public int Received => _calls.Reader.Count;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

internal sealed record RecordedCall(string Method, string Path, string Name, string FunctionKey);
