using ImageCacheFunctions.LocalGateway.Api;
using ImageCacheFunctions.LocalGateway.Cron;
using ImageCacheFunctions.LocalGateway.Functions;
using ImageCacheFunctions.LocalGateway.Proxy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

namespace ImageCacheFunctions.LocalGateway.Hosting;

/// <summary>The gateway's HTTP front: Kestrel on loopback, the proxy, the system API, the cron job's services.</summary>
internal static class GatewayApplication
{
    /// <param name="port">Loopback port; 0 lets the OS choose (read it back with <see cref="ListeningAddress"/>).</param>
    /// <param name="functions">Resolved on first use: the functions are built after the host is.</param>
    /// <param name="address">Filled in by the caller once Kestrel listens.</param>
    /// <param name="secretsDirectory">Where the function key is that the local cron-connector sends; null: it sends none.</param>
    public static WebApplication Build(int port, Func<RunningFunctions> functions, GatewayAddress address, string? secretsDirectory = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http", LogLevel.Warning);
        builder.Logging.AddFilter("Yarp", LogLevel.Warning);
        builder.Logging.AddFilter("Quartz", LogLevel.Warning);
        builder.WebHost.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, port));
        builder.Services.AddSingleton<IHostLifetime, NoSignalLifetime>();
        builder.Services.AddHttpForwarder();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(_ => functions());
        builder.Services.AddSingleton<FunctionProxy>();
        builder.Services.AddSingleton(address);
        builder.Services.AddSingleton(new CronKey(secretsDirectory));
        builder.Services.AddHttpClient<CronInvoker>(c => c.Timeout = CronInvoker.Timeout);
        builder.Services.AddTransient<CronInvocationJob>();
        builder.Services.AddQuartz();

        var app = builder.Build();
        app.MapGateway(DateTimeOffset.UtcNow);
        return app;
    }

    public static Uri ListeningAddress(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address);
    }
}
