using ImageCacheFunctions.Hosting.SampleFunctions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// Isolated-worker Program.cs as Azure Functions runs it: the ASP.NET Core integration
// (samples/AspNetIntegration/Program.cs) with the middleware of samples/CustomMiddleware/Program.cs.
var host = new HostBuilder()
    .ConfigureFunctionsWebApplication(worker =>
    {
        // The CustomMiddleware sample's functions only: the host's own 400/500 answers stay observable elsewhere.
        worker.UseWhen<ExceptionHandlingMiddleware>(context =>
            context.FunctionDefinition.Name is "HttpFunction" or "HttpTriggerWithMultipleOutputBindings");
        worker.UseMiddleware<MyCustomMiddleware>();
        worker.UseMiddleware<StampMiddleware>();
        worker.UseWhen<StampHttpHeaderMiddleware>(context =>
            context.FunctionDefinition.InputBindings.Values.First(a => a.Type.EndsWith("Trigger", StringComparison.Ordinal)).Type == "httpTrigger");
        worker.UseWhen<RoutingMiddleware>(context =>
            context.FunctionDefinition.InputBindings.Values.First(a => a.Type.EndsWith("Trigger", StringComparison.Ordinal)).Type == "httpTrigger");
    })
    .ConfigureServices(SampleServices.Add)
    .Build();

host.Run();
