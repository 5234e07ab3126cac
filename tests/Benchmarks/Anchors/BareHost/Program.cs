using ImageCacheFunctions.Benchmarks.Anchors.BareHost;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { WebRootPath = "static" });
Handler.MapServices(builder.Services);
var app = builder.Build();
Handler.MapEndpoints(app);
app.Run($"http://127.0.0.1:{Environment.GetEnvironmentVariable("PORT") ?? "3000"}");
