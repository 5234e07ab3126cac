using ImageCacheFunctions.ImageCaches.Operations.Refresh;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);

// ECI client, Kubernetes, clock and reconcile (sections Eci, Kubernetes); registry sources,
// auto-create rules and the time budget (section Webhook), all validated at start-up.
builder.Services.AddImageCacheRefresh(builder.Configuration);

builder.Build().Run();
