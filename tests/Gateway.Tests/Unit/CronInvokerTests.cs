using System.Collections.Concurrent;
using ImageCacheFunctions.LocalGateway.Cron;
using ImageCacheFunctions.LocalGateway.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImageCacheFunctions.LocalGateway.Tests.Unit;

/// <summary>What a schedule firing sends: the cron-connector's request, through the gateway's route.</summary>
public sealed class CronInvokerTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<(string Method, string Path, string Connector, string Topic, long? Length, string Key)> _received = new();
    private WebApplication _gateway = null!;
    private Uri _url = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        _gateway = builder.Build();
        _gateway.Map("/{**path}", (HttpContext context) =>
        {
            _received.Enqueue((
                context.Request.Method,
                context.Request.Path.Value!,
                context.Request.Headers["X-Connector"].ToString(),
                context.Request.Headers["X-Topic"].ToString(),
                context.Request.ContentLength,
                context.Request.Headers["x-functions-key"].ToString()));
            return Results.Text("{}", "application/json");
        });
        await _gateway.StartAsync();
        _url = new Uri(_gateway.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task Sends_the_function_key_from_the_secrets_folder()
    {
        // The function host refuses a connector call without the key (issue 12, item 3).
        var secrets = Directory.CreateTempSubdirectory("cron-key-").FullName;
        await File.WriteAllTextAsync(Path.Combine(secrets, "function-key"), "local-key\n");
        var address = new GatewayAddress();
        address.Set(_url);
        using var client = new HttpClient();
        var invoker = new CronInvoker(client, address, new CronKey(secrets), NullLogger<CronInvoker>.Instance);

        await invoker.InvokeAsync("prune-expired", CancellationToken.None);

        Assert.Equal("local-key", Assert.Single(_received).Key);
        Directory.Delete(secrets, recursive: true);
    }

    [Fact]
    public async Task Posts_to_the_function_route_with_the_connector_headers()
    {
        var address = new GatewayAddress();
        address.Set(_url);
        using var client = new HttpClient();
        var invoker = new CronInvoker(client, address, new CronKey(null), NullLogger<CronInvoker>.Instance);

        var status = await invoker.InvokeAsync("reconcile-status", CancellationToken.None);

        Assert.Equal(200, status);
        var request = Assert.Single(_received);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/function/reconcile-status", request.Path);
        Assert.Equal("cron-connector", request.Connector);
        Assert.Equal("cron-function", request.Topic);
        Assert.Equal(0, request.Length);
    }

    [Fact]
    public async Task An_unreachable_gateway_is_reported_not_thrown()
    {
        var address = new GatewayAddress();
        address.Set(new Uri($"http://127.0.0.1:{Functions.FreePort.Next()}/"));
        using var client = new HttpClient();
        var invoker = new CronInvoker(client, address, new CronKey(null), NullLogger<CronInvoker>.Instance);

        Assert.Null(await invoker.InvokeAsync("prune-expired", CancellationToken.None));
    }
}
