using ImageCacheFunctions.ImageCaches.Operations;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);

// ECI client and network settings (section Eci), Kubernetes (section Kubernetes), clock, reconciler.
builder.Services.AddImageCacheOperations(builder.Configuration);

builder.Build().Run();
