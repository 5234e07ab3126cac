using ImageCacheFunctions.ImageCaches.Operations.Prune;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);

// ECI client, Kubernetes, clock and reconcile (section Eci, Kubernetes), and pruning (section Prune).
builder.Services.AddImageCachePruning(builder.Configuration);

builder.Build().Run();
