using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);

// Register your services here, as in Azure Functions: builder.Services.AddSingleton<...>();

builder.Build().Run();
