using ImageCacheFunctions.ImageCaches.Operations.Api;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);

// Kubernetes (section Kubernetes) and the API's settings (section Api); no ECI access needed.
builder.Services.AddImageCacheApi(builder.Configuration);

builder.Build().Run();
