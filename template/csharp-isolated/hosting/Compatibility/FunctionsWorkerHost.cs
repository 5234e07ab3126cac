using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Microsoft.Azure.Functions.Worker;

/// <summary><c>FunctionsWorkerHost.RunDefault()</c> as in the Worker package.</summary>
public static class FunctionsWorkerHost
{
    public static void RunDefault(Action<IServiceCollection>? configureServices = null) =>
        RunDefaultAsync(configureServices).GetAwaiter().GetResult();

    public static async Task RunDefaultAsync(Action<IServiceCollection>? configureServices = null)
    {
        var builder = Host.CreateDefaultBuilder().ConfigureFunctionsWorkerDefaults();
        if (configureServices is not null)
        {
            builder.ConfigureServices(configureServices);
        }

        await builder.Build().RunAsync().ConfigureAwait(false);
    }
}
