using ImageCacheFunctions.Hosting.SampleFunctions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// Isolated-worker Program.cs, unchanged from what Azure Functions runs.
var host = new HostBuilder()
    .ConfigureFunctionsWorkerDefaults(worker => worker.UseMiddleware<StampMiddleware>())
    .ConfigureServices(SampleServices.Add)
    .Build();

host.Run();
