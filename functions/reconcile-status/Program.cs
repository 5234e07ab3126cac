using ImageCacheFunctions.ImageCaches.Answers;
using Azure.Core.Serialization;
using ImageCacheFunctions.ImageCaches.Operations;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);

// One JSON set-up for every answer: the worker's serializer, which WriteAsJsonAsync uses.
builder.Services.Configure<WorkerOptions>(worker => worker.Serializer = new JsonObjectSerializer(AnswerJson.Options));

// ECI client and network settings (section Eci), Kubernetes (section Kubernetes), clock, reconciler.
builder.Services.AddImageCacheOperations(builder.Configuration);

builder.Build().Run();
